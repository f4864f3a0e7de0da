import { useWorkspace } from "./context";
import { SPEEDS } from "./state";

/**
 * Under the frame: play and pause (Space) with the speed, and how masks look: all shown or
 * hidden (H), fill opacity, outlines only (K), and which object is soloed.
 */
export function ViewBar({ buffering }: { buffering: boolean }) {
  const { state, dispatch, video, masklets } = useWorkspace();
  const solo = state.solo !== null ? masklets.find((m) => m.id === state.solo) : undefined;
  const fps = video.annotation_fps || 24;
  return (
    <div className="view-bar" data-testid="view-bar">
      <button
        className={state.playing ? "tool active" : "tool"}
        onClick={() => dispatch({ type: "togglePlay" })}
        data-testid="play"
        data-playing={state.playing ? "1" : "0"}
        aria-pressed={state.playing}
        title="Play or pause (Space)"
      >
        {state.playing ? "❚❚ Pause" : "▶ Play"}
      </button>
      <label title="Playback speed">
        Speed{" "}
        <select value={state.speed} onChange={(e) => dispatch({ type: "setSpeed", speed: Number(e.target.value) })} data-testid="play-speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="play-rate">
        {Math.round(fps * state.speed * 100) / 100} fps
      </span>
      {buffering ? (
        <span className="muted" data-testid="buffering">
          loading…
        </span>
      ) : null}
      <span className="spacer" />
      <button className={state.masksVisible ? "tool" : "tool active"} onClick={() => dispatch({ type: "toggleMasks" })} data-testid="toggle-masks" aria-pressed={!state.masksVisible} title="Hide or show all masks (H)">
        {state.masksVisible ? "Hide masks" : "Show masks"}
      </button>
      <label title="Mask fill opacity">
        Opacity{" "}
        <input
          type="range"
          min={0}
          max={100}
          value={Math.round(state.opacity * 100)}
          onChange={(e) => dispatch({ type: "setOpacity", opacity: Number(e.target.value) / 100 })}
          data-testid="mask-opacity"
        />
      </label>
      <label title="Draw the outline of each mask only (K)">
        <input type="checkbox" checked={state.outline} onChange={() => dispatch({ type: "toggleOutline" })} data-testid="mask-outline" /> Outline
      </label>
      {solo ? (
        <button className="tool active" onClick={() => dispatch({ type: "toggleSolo", masklet: solo.id })} data-testid="solo-off" title="Show every object again">
          Solo #{solo.number} ✕
        </button>
      ) : null}
    </div>
  );
}
