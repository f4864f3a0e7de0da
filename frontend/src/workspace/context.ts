import { createContext, useContext, type Dispatch } from "react";
import type { Label, Masklet, ReadyVideo } from "../lib/types";
import type { WorkspaceAction, WorkspaceState } from "./state";
import type { TrackedJob } from "./useJobs";

/** What every panel of the workspace reads: its state, the video's objects and labels, and jobs. */
export interface WorkspaceContextValue {
  state: WorkspaceState;
  dispatch: Dispatch<WorkspaceAction>;
  video: ReadyVideo;
  labels: Label[];
  labelMap: Map<number, Label>;
  /** as the API lists them */
  masklets: Masklet[];
  /** by object number, as the panels and the timeline show them */
  ordered: Masklet[];
  selectedMasklet: Masklet | undefined;
  jobs: TrackedJob[];
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error("useWorkspace outside <WorkspaceContext.Provider>");
  return value;
}
