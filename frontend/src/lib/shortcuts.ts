/** Keyboard shortcuts of the workspace: one table drives both the key handler and the help overlay. */

export type Action =
  | "nextFrame"
  | "prevFrame"
  | "next10"
  | "prev10"
  | "firstFrame"
  | "lastFrame"
  | "toolPositive"
  | "toolNegative"
  | "toolBox"
  | "toolBrush"
  | "toolEraser"
  | "toolIssue"
  | "toolPan"
  | "brushBigger"
  | "brushSmaller"
  | "undo"
  | "redo"
  | "newObject"
  | "deleteObject"
  | "nextMasklet"
  | "prevMasklet"
  | "cycleLabel"
  | "propagateForward"
  | "propagateBackward"
  | "propagateBoth"
  | "cancel"
  | "resetClicks"
  | "toggleMasks"
  | "fitView"
  | "verify"
  | "reject"
  | "help"
  | "playPause"
  | "toggleOutline";

export interface Shortcut {
  action: Action;
  keys: string[]; // e.g. "ArrowRight", "shift+ArrowRight", "mod+z" (mod = Ctrl or Cmd)
  help: string;
  group: "Frames" | "Tools" | "Objects" | "Jobs" | "View" | "Review";
}

export const SHORTCUTS: Shortcut[] = [
  // Space is handled by useShortcuts (a tap plays or pauses; held, it pans): listed for the help
  { action: "playPause", keys: ["Space"], help: "Play or pause (at the annotation frame rate; hold Space to pan)", group: "Frames" },
  { action: "nextFrame", keys: ["ArrowRight", "d", "."], help: "Next frame", group: "Frames" },
  { action: "prevFrame", keys: ["ArrowLeft", "a", ","], help: "Previous frame", group: "Frames" },
  { action: "next10", keys: ["shift+ArrowRight", "shift+D"], help: "10 frames forward", group: "Frames" },
  { action: "prev10", keys: ["shift+ArrowLeft", "shift+A"], help: "10 frames back", group: "Frames" },
  { action: "firstFrame", keys: ["Home"], help: "First frame (of the task)", group: "Frames" },
  { action: "lastFrame", keys: ["End"], help: "Last frame (of the task)", group: "Frames" },
  { action: "toolPositive", keys: ["1", "p"], help: "Positive click tool (add to object)", group: "Tools" },
  { action: "toolNegative", keys: ["2", "n"], help: "Negative click tool (remove from object); or Shift+click", group: "Tools" },
  { action: "toolBox", keys: ["3", "b"], help: "Box tool", group: "Tools" },
  { action: "toolBrush", keys: ["4", "g"], help: "Brush", group: "Tools" },
  { action: "toolEraser", keys: ["5", "e"], help: "Eraser", group: "Tools" },
  { action: "toolIssue", keys: ["6", "i"], help: "Review issue tool (click on the frame)", group: "Tools" },
  { action: "toolPan", keys: ["7", "m"], help: "Pan tool (or hold Space / drag with the middle button)", group: "Tools" },
  { action: "brushBigger", keys: ["]"], help: "Bigger brush", group: "Tools" },
  { action: "brushSmaller", keys: ["["], help: "Smaller brush", group: "Tools" },
  { action: "undo", keys: ["mod+z"], help: "Undo my last edit", group: "Tools" },
  { action: "redo", keys: ["mod+shift+Z", "mod+y"], help: "Redo", group: "Tools" },
  { action: "resetClicks", keys: ["r"], help: "Start the clicks on this frame over", group: "Tools" },
  { action: "newObject", keys: ["o"], help: "New object (masklet)", group: "Objects" },
  { action: "deleteObject", keys: ["Delete", "shift+Backspace"], help: "Delete the selected object", group: "Objects" },
  { action: "nextMasklet", keys: ["Tab"], help: "Select next object", group: "Objects" },
  { action: "prevMasklet", keys: ["shift+Tab"], help: "Select previous object", group: "Objects" },
  { action: "cycleLabel", keys: ["l"], help: "Change the selected object's label (next label)", group: "Objects" },
  { action: "propagateForward", keys: ["f"], help: "Propagate forward", group: "Jobs" },
  { action: "propagateBackward", keys: ["shift+F"], help: "Propagate backward", group: "Jobs" },
  { action: "propagateBoth", keys: ["t"], help: "Propagate both ways", group: "Jobs" },
  { action: "cancel", keys: ["Escape"], help: "Cancel the running job / the current gesture", group: "Jobs" },
  { action: "toggleMasks", keys: ["h"], help: "Hide or show masks", group: "View" },
  { action: "toggleOutline", keys: ["k"], help: "Outline masks only, or fill them", group: "View" },
  { action: "fitView", keys: ["0"], help: "Fit the frame to the view (reset zoom)", group: "View" },
  { action: "verify", keys: ["v"], help: "Verify the selected object (reviewers)", group: "Review" },
  { action: "reject", keys: ["x"], help: "Reject the selected object with a reason (reviewers)", group: "Review" },
  { action: "help", keys: ["?", "shift+?"], help: "Show this help", group: "View" },
];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Canonical name of a key press: "mod+shift+Z", "shift+ArrowRight", "f". */
export function keyName(e: KeyLike): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push("mod");
  if (e.altKey) parts.push("alt");
  let key = e.key.length === 1 ? e.key : e.key;
  // Shift changes letters to upper case; name them "shift+X" (upper) to be explicit.
  if (e.shiftKey && (key.length > 1 || /[a-z]/i.test(key))) parts.push("shift");
  if (key.length === 1 && /[a-z]/i.test(key)) key = e.shiftKey ? key.toUpperCase() : key.toLowerCase();
  parts.push(key);
  return parts.join("+");
}

const TABLE = new Map<string, Action>();
for (const s of SHORTCUTS) for (const k of s.keys) TABLE.set(k, s.action);

export function actionFor(e: KeyLike): Action | null {
  return TABLE.get(keyName(e)) ?? null;
}

/** Human label for a key in the help overlay. */
export function displayKey(k: string): string {
  return k
    .replace("mod+", "Ctrl/⌘+")
    .replace("shift+", "Shift+")
    .replace("ArrowRight", "→")
    .replace("ArrowLeft", "←");
}
