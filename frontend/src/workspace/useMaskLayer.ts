import { useMemo, useRef } from "react";
import { composeLayers, hexToRgb, instanceColor, type Layer } from "../lib/compose";
import { chunkOf } from "../lib/maskStore";
import type { MaskStore } from "../lib/maskStore";
import type { Label, Masklet } from "../lib/types";

/** The colour a masklet is drawn in: its own instance colour (the label shows as a chip). */
export function maskletColor(m: Masklet | undefined, _labels?: Map<number, Label>): string {
  if (!m) return "#00c8ff";
  return instanceColor(m.number);
}

/** The colour of a masklet's label, for its legend chip; null without a label. */
export function labelColor(m: Masklet | undefined, labels: Map<number, Label>): string | null {
  const l = m?.label != null ? labels.get(m.label) : undefined;
  return l?.color ?? null;
}

/** How masks are drawn: fill opacity (0..1), outlines only, one object alone. */
export interface MaskLooks {
  opacity: number;
  outline: boolean;
  solo: number | null;
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
  looks: MaskLooks;
}) {
  const { store, revision, frame, width, height, masklets, labels, selected, hidden, visible } = opts;
  const { opacity, outline, solo } = opts.looks;
  const canvas = useMemo(() => {
    const c = document.createElement("canvas");
    c.width = Math.max(1, width);
    c.height = Math.max(1, height);
    return c;
  }, [width, height]);
  const imageData = useMemo(() => new ImageData(Math.max(1, width), Math.max(1, height)), [width, height]);

  const stamp = useRef(0);
  const drawn = useMemo(() => {
    const ctx = canvas.getContext("2d");
    if (!ctx) return { count: 0, versions: "", stamp: 0 };
    const byId = new Map(masklets.map((m) => [m.id, m]));
    const layers: Layer[] = [];
    const versions: string[] = [];
    let selectedLayer: Layer | null = null;
    for (const mask of store.masksOnFrame(frame)) {
      const m = byId.get(mask.masklet);
      if (!m || hidden.has(m.id) || mask.area === 0 || (solo !== null && m.id !== solo)) continue;
      const d = store.decode(mask);
      const fill = Math.round(255 * opacity);
      const layer: Layer = {
        crop: d,
        rgb: hexToRgb(maskletColor(m, labels)),
        // the selected object a little stronger, so it stands out at any opacity
        alpha: m.id === selected ? Math.min(255, Math.round(fill * 1.35) + 10) : fill,
        outline: m.id === selected,
        outlineOnly: outline,
      };
      versions.push(`${m.id}:${mask.version}`);
      if (m.id === selected) selectedLayer = layer;
      else layers.push(layer);
    }
    if (selectedLayer) layers.push(selectedLayer); // selected on top
    if (visible) composeLayers(imageData.data, width, height, layers);
    else imageData.data.fill(0);
    ctx.putImageData(imageData, 0, 0);
    stamp.current += 1;
    return { count: visible ? layers.length : 0, versions: visible ? versions.sort().join(" ") : "", stamp: stamp.current };
    // revision stands for the store's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canvas, imageData, store, revision, frame, width, height, masklets, labels, selected, hidden, visible, opacity, outline, solo]);

  // the masks of this frame are known (its chunk is loaded): the frame can be shown as complete
  const ready = store.isChunkLoaded(chunkOf(frame));
  return { canvas, count: drawn.count, versions: drawn.versions, stamp: drawn.stamp, ready };
}
