import { useEffect, useRef, useState } from "react";
import { hexToRgb } from "../lib/compose";
import { api } from "../lib/endpoints";
import { decodeRleCrop } from "../lib/rle";
import type { FrameMask } from "../lib/types";

const SIZE = 48;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error(`image failed: ${url}`));
    img.src = url;
  });
}

/**
 * A proposal's thumbnail: its key frame (where the automatic masklets job found it) cropped
 * around its mask, the mask tinted in the object's colour, and the model's score for it.
 * Cropped in the browser from the display frame and the stored mask: no extra server work.
 */
export function ProposalThumb({ masklet, videoId, videoWidth, frame, color }: { masklet: number; videoId: number; videoWidth: number; frame: number | null; color: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [score, setScore] = useState<number | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    if (frame === null) return;
    let alive = true;
    Promise.all([api.maskletMasks(masklet, frame, frame), loadImage(api.frameUrl(videoId, frame))])
      .then(([masks, img]) => {
        const c = ref.current;
        const mask = masks[0] as (typeof masks)[number] & Partial<Pick<FrameMask, "score">>;
        if (!alive || !c || !mask) return;
        setScore(mask.score ?? null);
        const [bx, by, bw, bh] = mask.bbox;
        // a square around the mask with a margin, in video pixels
        const side = Math.max(bw, bh) * 1.3 + 8;
        const cx = bx + bw / 2;
        const cy = by + bh / 2;
        const sx = cx - side / 2;
        const sy = cy - side / 2;
        const ctx = c.getContext("2d");
        if (!ctx) return;
        const k = img.naturalWidth / videoWidth; // display frame pixels per video pixel
        ctx.fillStyle = "#111";
        ctx.fillRect(0, 0, SIZE, SIZE);
        ctx.drawImage(img, sx * k, sy * k, side * k, side * k, 0, 0, SIZE, SIZE);
        const crop = decodeRleCrop(mask.rle);
        if (crop.width > 0) {
          const tint = document.createElement("canvas");
          tint.width = crop.width;
          tint.height = crop.height;
          const tctx = tint.getContext("2d");
          if (tctx) {
            const data = tctx.createImageData(crop.width, crop.height);
            const [r, g, b] = hexToRgb(color);
            for (let i = 0; i < crop.data.length; i++) {
              if (!crop.data[i]) continue;
              data.data.set([r, g, b, 130], i * 4);
            }
            tctx.putImageData(data, 0, 0);
            const s = SIZE / side;
            ctx.drawImage(tint, (crop.x - sx) * s, (crop.y - sy) * s, crop.width * s, crop.height * s);
          }
        }
        setDrawn(true);
      })
      .catch(() => undefined); // the thumbnail is a convenience: the proposal stays usable without it
    return () => {
      alive = false;
    };
  }, [masklet, videoId, videoWidth, frame, color]);

  return (
    <>
      <canvas ref={ref} width={SIZE} height={SIZE} className="proposal-thumb" data-testid={`proposal-thumb-${masklet}`} data-drawn={drawn ? "1" : "0"} data-frame={frame ?? ""} />
      <span className="score" data-testid={`proposal-score-${masklet}`} title="The model's predicted IoU for this proposal">
        {score !== null ? score.toFixed(2) : "–"}
      </span>
    </>
  );
}
