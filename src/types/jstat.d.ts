// jstat ships no types; this is the part of its API Marquee uses. It is CommonJS: Node's ESM loader
// sees only its default export, so import the default and read jStat from it.
declare module 'jstat' {
  interface Distribution {
    cdf(x: number, ...params: number[]): number;
    inv(p: number, ...params: number[]): number;
  }
  const jstat: { jStat: { chisquare: Distribution } };
  export default jstat;
}
