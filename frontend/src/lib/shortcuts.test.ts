import { describe, expect, it } from "vitest";
import { SHORTCUTS, actionFor, keyName } from "./shortcuts";

const k = (key: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean; alt: boolean }> = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
  altKey: !!mods.alt,
});

describe("shortcuts", () => {
  it("names keys canonically", () => {
    expect(keyName(k("Z", { ctrl: true, shift: true }))).toBe("mod+shift+Z");
    expect(keyName(k("z", { meta: true }))).toBe("mod+z");
    expect(keyName(k("ArrowRight", { shift: true }))).toBe("shift+ArrowRight");
    expect(keyName(k("?", { shift: true }))).toBe("?");
  });

  it("maps frequent actions", () => {
    expect(actionFor(k("ArrowRight"))).toBe("nextFrame");
    expect(actionFor(k("ArrowRight", { shift: true }))).toBe("next10");
    expect(actionFor(k("z", { ctrl: true }))).toBe("undo");
    expect(actionFor(k("Z", { ctrl: true, shift: true }))).toBe("redo");
    expect(actionFor(k("y", { ctrl: true }))).toBe("redo");
    expect(actionFor(k("F", { shift: true }))).toBe("propagateBackward");
    expect(actionFor(k("f"))).toBe("propagateForward");
    expect(actionFor(k("Escape"))).toBe("cancel");
    expect(actionFor(k("?", { shift: true }))).toBe("help");
    expect(actionFor(k("q"))).toBeNull();
  });

  it("binds no key twice", () => {
    const all = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(all).size).toBe(all.length);
  });
});
