import { useEffect, useRef } from "react";
import type { Conflict, Resolution } from "../lib/conflicts";
import { decodeRle, rleArea, type Rle } from "../lib/rle";
import type { PresenceUser, ConnectionStatus } from "../lib/realtime";
import { SHORTCUTS, displayKey } from "../lib/shortcuts";

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <div className="overlay" onClick={onClose} data-testid="help-overlay" role="dialog" aria-label="Keyboard shortcuts">
      <div className="overlay-card" onClick={(e) => e.stopPropagation()}>
        <div className="section-head">
          <h2>Keyboard shortcuts</h2>
          <button onClick={onClose}>Close</button>
        </div>
        <div className="help-grid">
          {groups.map((g) => (
            <div key={g}>
              <h3>{g}</h3>
              <table>
                <tbody>
                  {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                    <tr key={s.action}>
                      <td className="keys">
                        {s.keys.map((k) => (
                          <kbd key={k}>{displayKey(k)}</kbd>
                        ))}
                      </td>
                      <td>{s.help}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
          <div>
            <h3>Mouse</h3>
            <p>Wheel: zoom at the cursor. Space+drag or middle-drag: pan. Shift+click: negative click. Drag on the timeline: scrub.</p>
          </div>
        </div>
      </div>
    </div>
  );
}

function MaskThumb({ rle, color }: { rle: Rle | null; color: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || !rle) return;
    const b = decodeRle(rle);
    const scale = Math.min(160 / b.width, 100 / b.height);
    c.width = Math.max(1, Math.round(b.width * scale));
    c.height = Math.max(1, Math.round(b.height * scale));
    const ctx = c.getContext("2d");
    if (!ctx) return;
    const img = ctx.createImageData(c.width, c.height);
    const n = parseInt(color.slice(1), 16);
    for (let y = 0; y < c.height; y++)
      for (let x = 0; x < c.width; x++) {
        const sx = Math.min(b.width - 1, Math.floor(x / scale));
        const sy = Math.min(b.height - 1, Math.floor(y / scale));
        const o = (y * c.width + x) * 4;
        const on = b.data[sy * b.width + sx];
        img.data[o] = on ? (n >> 16) & 255 : 30;
        img.data[o + 1] = on ? (n >> 8) & 255 : 30;
        img.data[o + 2] = on ? n & 255 : 36;
        img.data[o + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
  }, [rle, color]);
  if (!rle) return <div className="thumb-empty">no mask</div>;
  return <canvas ref={ref} className="mask-thumb" />;
}

export function ConflictDialog({
  conflict,
  count,
  color,
  onResolve,
  onShow,
}: {
  conflict: Conflict;
  count: number;
  color: string;
  onResolve: (key: string, choice: Resolution) => void;
  onShow: (frame: number) => void;
}) {
  return (
    <div className="conflict" data-testid="conflict-dialog" role="alertdialog" aria-label="Edit conflict">
      <h3>
        Edit conflict{count > 1 ? ` (1 of ${count})` : ""}
      </h3>
      <p>
        Someone changed object {conflict.masklet} on frame {conflict.frame} while you were editing it
        {conflict.theirs ? ` (now version ${conflict.theirs.version})` : ""}. Your edit was not saved yet.
      </p>
      <div className="conflict-compare">
        <figure>
          <MaskThumb rle={conflict.mine} color={color} />
          <figcaption>mine ({conflict.mine ? rleArea(conflict.mine) : 0} px)</figcaption>
        </figure>
        <figure>
          <MaskThumb rle={conflict.theirs?.rle ?? null} color={color} />
          <figcaption>theirs ({conflict.theirs?.area ?? 0} px)</figcaption>
        </figure>
      </div>
      <div className="inline-form">
        <button className="primary" onClick={() => onResolve(conflict.key, "mine")} data-testid="conflict-keep-mine">
          Keep mine
        </button>
        <button onClick={() => onResolve(conflict.key, "theirs")} data-testid="conflict-take-theirs">
          Take theirs
        </button>
        <button className="link" onClick={() => onShow(conflict.frame)}>
          go to frame
        </button>
      </div>
    </div>
  );
}

export function PresenceList({ users, myId, status, onJump }: { users: PresenceUser[]; myId: number | null; status: ConnectionStatus; onJump: (f: number) => void }) {
  return (
    <div className="presence" data-testid="presence-list" data-status={status}>
      <span className={`conn conn-${status}`} title={`live connection: ${status}`} data-testid="connection-status">
        {status === "open" ? "live" : status}
      </span>
      {users.map((u, i) => (
        <button
          key={`${u.id}-${i}`}
          className={u.id === myId ? "presence-user me" : "presence-user"}
          onClick={() => u.frame != null && onJump(u.frame)}
          title={u.frame != null ? `${u.username} is on frame ${u.frame}` : u.username}
          data-testid={`presence-${u.username}`}
        >
          {u.username}
          {u.frame != null ? <small> @{u.frame}</small> : null}
        </button>
      ))}
    </div>
  );
}
