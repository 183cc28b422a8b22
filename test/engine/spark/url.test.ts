import { describe, expect, it } from 'vitest';
import { parseSparkConnectUrl } from '../../../src/engine/spark/url.js';

describe('parseSparkConnectUrl', () => {
  it('reads host and port with plaintext defaults', () => {
    const url = parseSparkConnectUrl('sc://127.0.0.1:15002');
    expect(url).toMatchObject({ host: '127.0.0.1', port: 15002, useSsl: false, token: undefined, headers: {} });
  });

  it('defaults the port to 15002 and accepts a trailing slash', () => {
    expect(parseSparkConnectUrl('sc://spark.example.com/').port).toBe(15002);
  });

  it('reads token, user_id and extra headers; a token implies TLS', () => {
    const url = parseSparkConnectUrl('sc://dbc-1.cloud.databricks.com:443/;token=dapi123;user_id=ana;x-databricks-cluster-id=0123-abc');
    expect(url).toMatchObject({ host: 'dbc-1.cloud.databricks.com', port: 443, useSsl: true, token: 'dapi123', userId: 'ana' });
    expect(url.headers).toEqual({ 'x-databricks-cluster-id': '0123-abc' });
  });

  it('lets use_ssl=false override the token default (loopback token auth)', () => {
    expect(parseSparkConnectUrl('sc://localhost:15002/;token=t;use_ssl=false').useSsl).toBe(false);
    expect(parseSparkConnectUrl('sc://localhost/;use_ssl=true').useSsl).toBe(true);
  });

  it('percent-decodes values', () => {
    expect(parseSparkConnectUrl('sc://h/;token=a%3Bb%3Dc').token).toBe('a;b=c');
  });

  it('accepts an IPv6 host in brackets', () => {
    expect(parseSparkConnectUrl('sc://[::1]:15003')).toMatchObject({ host: '[::1]', port: 15003 });
  });

  it('accepts a UUID session_id and rejects anything else', () => {
    const id = '0b7e5f5a-8c0e-4a40-9a11-5d9c1a7c2f00';
    expect(parseSparkConnectUrl(`sc://h/;session_id=${id}`).sessionId).toBe(id);
    expect(() => parseSparkConnectUrl('sc://h/;session_id=abc')).toThrow(/session_id must be a UUID/);
  });

  it('rejects malformed URLs with the reason, never echoing the token', () => {
    expect(() => parseSparkConnectUrl('http://h:1')).toThrow(/must start with 'sc:\/\/'/);
    expect(() => parseSparkConnectUrl('sc://h:99999')).toThrow(/out of range/);
    expect(() => parseSparkConnectUrl('sc://h:1/path')).toThrow(/no path/);
    expect(() => parseSparkConnectUrl('sc://h/;use_ssl=maybe')).toThrow(/use_ssl must be true or false/);
    expect(() => parseSparkConnectUrl('sc://h/;token=a;token=b')).toThrow(/given twice/);
    expect(() => parseSparkConnectUrl('sc://h/;secret')).toThrow(/not key=value/);
    try {
      parseSparkConnectUrl('sc://h/;token=SECRET;use_ssl=nope');
    } catch (error) {
      expect(String(error)).not.toContain('SECRET');
    }
  });
});
