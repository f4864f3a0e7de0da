import { describe, expect, it } from "vitest";
import type { Task } from "../lib/types";
import { readOnlyReason } from "./readOnly";

const task = (state: Task["state"]): Task =>
  ({ id: 1, assignee: 10, reviewer: 20, state, frame_start: 2, frame_end: 5 }) as unknown as Task;
const base = { frame: 3, taskRange: [2, 5] as [number, number] };

describe("readOnlyReason", () => {
  it("lets the assignee edit an open task inside its frames", () => {
    for (const s of ["new", "in_progress", "rejected"] as const) expect(readOnlyReason({ ...base, role: "annotator", task: task(s), meId: 10 })).toBeNull();
  });
  it("names why the assignee cannot edit", () => {
    expect(readOnlyReason({ ...base, role: "annotator", task: task("submitted"), meId: 10 })).toBe("submitted for review");
    expect(readOnlyReason({ ...base, role: "annotator", task: task("accepted"), meId: 10 })).toMatch(/accepted/);
    expect(readOnlyReason({ ...base, frame: 6, role: "annotator", task: task("in_progress"), meId: 10 })).toBe("outside your task's frames");
  });
  it("keeps reviewers read-only and managers never", () => {
    expect(readOnlyReason({ ...base, role: "reviewer", task: task("submitted"), meId: 20 })).toBe("you review this task");
    expect(readOnlyReason({ ...base, role: "reviewer", task: null, meId: 20 })).toBe("you review this project");
    expect(readOnlyReason({ ...base, role: "manager", task: task("submitted"), meId: 30 })).toBeNull();
  });
});
