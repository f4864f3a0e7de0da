import { describe, expect, it } from "vitest";
import { MAX_BRUSH, clampFrame, initialFrame, initialWorkspaceState, workspaceReducer, type WorkspaceAction, type WorkspaceState } from "./state";

const start = (frameCount = 100): WorkspaceState => initialWorkspaceState({ frameCount, frame: 0, currentLabel: 7 });
const run = (state: WorkspaceState, ...actions: WorkspaceAction[]) => actions.reduce(workspaceReducer, state);

describe("initial state", () => {
  it("opens with the positive click tool, no selection and the first label", () => {
    const s = start();
    expect(s).toMatchObject({ frame: 0, selected: null, tool: "positive", brushSize: 12, masksVisible: true, help: false, currentLabel: 7 });
    expect(s.hidden.size).toBe(0);
  });

  it("propagates 50 frames by default, fewer on a shorter video", () => {
    expect(start(2000).maxFrames).toBe(50);
    expect(start(20).maxFrames).toBe(20);
    expect(start(0).maxFrames).toBe(1);
  });

  it("opens on ?frame= when valid, else on the task's first frame, else 0", () => {
    expect(initialFrame("?frame=42", 100, null)).toBe(42);
    expect(initialFrame("?frame=42", 100, 10)).toBe(42);
    expect(initialFrame("?frame=100", 100, 10)).toBe(10);
    expect(initialFrame("?frame=-1", 100, null)).toBe(0);
    expect(initialFrame("?frame=1.5", 100, null)).toBe(0);
    expect(initialFrame("?frame=", 100, null)).toBe(0);
    expect(initialFrame("", 100, 150)).toBe(99);
  });
});

describe("frames", () => {
  it("seeks within the video, rounding to a whole frame", () => {
    expect(run(start(), { type: "seek", frame: 41.6 }).frame).toBe(42);
    expect(run(start(), { type: "seek", frame: -5 }).frame).toBe(0);
    expect(run(start(), { type: "seek", frame: 1000 }).frame).toBe(99);
    expect(clampFrame(3, 1)).toBe(0);
  });

  it("keeps the same state object when nothing changes", () => {
    const s = start();
    expect(workspaceReducer(s, { type: "seek", frame: 0 })).toBe(s);
    expect(workspaceReducer(s, { type: "setTool", tool: "positive" })).toBe(s);
    expect(workspaceReducer(s, { type: "forget", masklet: 3 })).toBe(s);
    expect(workspaceReducer(s, { type: "clearMessage" })).toBe(s);
  });
});

describe("objects", () => {
  it("selects, and deselects only the masklet that is gone", () => {
    const s = run(start(), { type: "select", masklet: 3 });
    expect(s.selected).toBe(3);
    expect(run(s, { type: "forget", masklet: 4 }).selected).toBe(3);
    expect(run(s, { type: "forget", masklet: 3 }).selected).toBeNull();
  });

  it("toggles a masklet's visibility without changing the previous set", () => {
    const a = start();
    const b = run(a, { type: "toggleHidden", masklet: 5 });
    expect([...b.hidden]).toEqual([5]);
    expect(a.hidden.size).toBe(0);
    expect(run(b, { type: "toggleHidden", masklet: 5 }).hidden.size).toBe(0);
  });

  it("sets the label for new objects", () => {
    expect(run(start(), { type: "setCurrentLabel", label: null }).currentLabel).toBeNull();
  });
});

describe("tools", () => {
  it("grows and shrinks the brush within 1 and MAX_BRUSH", () => {
    expect(run(start(), { type: "growBrush" }).brushSize).toBe(16);
    expect(run(start(), { type: "shrinkBrush" }).brushSize).toBe(10);
    expect(run(start(), { type: "setBrushSize", size: MAX_BRUSH }, { type: "growBrush" }).brushSize).toBe(MAX_BRUSH);
    expect(run(start(), { type: "setBrushSize", size: 1 }, { type: "shrinkBrush" }).brushSize).toBe(1);
  });

  it("switches tools", () => {
    expect(run(start(), { type: "setTool", tool: "eraser" }).tool).toBe("eraser");
  });
});

describe("view", () => {
  it("toggles masks and help, and counts fit and reject-focus requests", () => {
    const s = run(start(), { type: "toggleMasks" }, { type: "toggleHelp" }, { type: "fitView" }, { type: "fitView" }, { type: "focusReject" });
    expect(s).toMatchObject({ masksVisible: false, help: true, fitNonce: 2, rejectFocus: 1 });
    expect(run(s, { type: "setHelp", open: false }).help).toBe(false);
  });

  it("keeps the canvas scale", () => {
    expect(run(start(), { type: "setViewScale", scale: 2.5 }).viewScale).toBe(2.5);
  });
});

describe("propagation settings", () => {
  it("keeps direction and length", () => {
    const s = run(start(), { type: "setDirection", direction: "both" }, { type: "setMaxFrames", frames: 12 });
    expect(s).toMatchObject({ direction: "both", maxFrames: 12 });
  });
});

describe("review issues and messages", () => {
  it("places and withdraws a pending issue", () => {
    const s = run(start(), { type: "placeIssue", position: [10, 20] });
    expect(s.pendingIssue).toEqual([10, 20]);
    expect(run(s, { type: "placeIssue", position: null }).pendingIssue).toBeNull();
  });

  it("shows a message until cleared; the same text again is a new message", () => {
    const s = run(start(), { type: "say", text: "Verified", error: false });
    expect(s.message).toEqual({ text: "Verified", error: false });
    expect(run(s, { type: "say", text: "Verified", error: false }).message).not.toBe(s.message);
    expect(run(s, { type: "clearMessage" }).message).toBeNull();
  });
});

describe("viewing state", () => {
  it("plays from the start after the last frame, clamps speed and toggles solo", () => {
    let s = initialWorkspaceState({ frameCount: 10, frame: 9, currentLabel: null });
    s = workspaceReducer(s, { type: "togglePlay" });
    expect([s.playing, s.frame]).toEqual([true, 0]);
    s = workspaceReducer(s, { type: "togglePlay" });
    expect(s.playing).toBe(false);
    expect(workspaceReducer(s, { type: "setSpeed", speed: 8 }).speed).toBe(2);
    expect(workspaceReducer(s, { type: "setSpeed", speed: 0.1 }).speed).toBe(0.25);
    s = workspaceReducer(s, { type: "toggleSolo", masklet: 4 });
    expect(s.solo).toBe(4);
    expect(workspaceReducer(s, { type: "toggleSolo", masklet: 4 }).solo).toBe(null);
    expect(workspaceReducer(s, { type: "forget", masklet: 4 }).solo).toBe(null);
  });
});
