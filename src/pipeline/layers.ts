// Layer order: a step may read its own layer and earlier ones. Selection (--through) and the
// runner's tie-break between ready steps follow this order.
import type { Layer } from './step.js';

export const LAYER_ORDER: readonly Layer[] = ['bronze', 'silver', 'gold', 'ml'];

export function layerRank(layer: Layer): number {
  return LAYER_ORDER.indexOf(layer);
}

export function isLayer(value: string): value is Layer {
  return (LAYER_ORDER as readonly string[]).includes(value);
}
