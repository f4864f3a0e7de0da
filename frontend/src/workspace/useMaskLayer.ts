import { useMemo } from "react";
import { composeLayers, fallbackColor, hexToRgb, type Layer } from "../lib/compose";
import type { MaskStore } from "../lib/maskStore";
import type { Label, Masklet } from "../lib/types";

export function maskletColor(m: Masklet | undefined, labels: Map<number, Label>): string {
  if (!m) return "#00c8ff";
  const l = m.label != null ? labels.get(m.label) : undefined;
  return l?.color ?? fallbackColor(m.number);
}

/**
 * All masks of one frame composed into a single offscreen canvas at the video's original
 * resolution (one ImageData per frame), redrawn only when the frame's masks or looks change.
 */
export function useMaskLayer(opts: {
  store: MaskStore;
  revision: number;
  frame: number;
  width: number;
  height: number;
  masklets: Masklet[];
  labels: Map<number, Label>;
  selected: number | null;
  hidden: ReadonlySet<number>;
  visible: boolean;
}) {
  const { store, revision, frame, width, height, masklets, labels, selected, hidden, visible } = opts;
  const canvas = useMemo(() => {
    const c = document.createElement("canvas");
    c.width = Math.max(1, width);
    c.height = Math.max(1, height);
    return c;
  }, [width, height]);
  const imageData = useMemo(() => new ImageData(Math.max(1, width), Math.max(1, height)), [width, height]);

  const count = useMemo(() => {
    const ctx = canvas.getContext("2d");
    if (!ctx) return 0;
    const byId = new Map(masklets.map((m) => [m.id, m]));
    const layers: Layer[] = [];
    let selectedLayer: Layer | null = null;
    for (const mask of store.masksOnFrame(frame)) {
      const m = byId.get(mask.masklet);
      if (!m || hidden.has(m.id) || mask.area === 0) continue;
      const d = store.decode(mask);
      const layer: Layer = {
        crop: d,
        rgb: hexToRgb(maskletColor(m, labels)),
        alpha: m.id === selected ? 150 : 110,
        outline: m.id === selected,
      };
      if (m.id === selected) selectedLayer = layer;
      else layers.push(layer);
    }
    if (selectedLayer) layers.push(selectedLayer); // selected on top
    if (visible) composeLayers(imageData.data, width, height, layers);
    else imageData.data.fill(0);
    ctx.putImageData(imageData, 0, 0);
    return layers.length;
    // revision stands for the store's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canvas, imageData, store, revision, frame, width, height, masklets, labels, selected, hidden, visible]);

  return { canvas, count };
}
