import type { ComponentProps } from "react";
import type { ConnectionStatus, PresenceUser } from "../lib/realtime";
import type { BackendStatus, Project, ReviewIssue, Task } from "../lib/types";
import { Link } from "../router";
import { BackendBadge } from "./BackendBadge";
import { ConceptPanel } from "./ConceptPanel";
import { ModelPicker } from "./ModelPicker";
import type { ClickAnswerer } from "./useEditing";
import { useWorkspace } from "./context";
import { MaskCanvas } from "./MaskCanvas";
import { ActivityPanel, type ActivityFeed } from "./ActivityPanel";
import { AutoMaskletPanel, MaskletPanel } from "./MaskletPanel";
import { ConflictDialog, HelpOverlay, PresenceList } from "./Overlays";
import { IssuesPanel, MaskletReview, TaskPanel, type Roles } from "./ReviewPanel";
import { QAPanel, type QAPanelProps } from "./QAPanel";
import { Timeline } from "./Timeline";
import { ViewBar } from "./ViewBar";
import { PropagatePanel, Toolbar, type EditControls } from "./Toolbar";
import type { JobActions } from "./useJobActions";
import type { MaskletActions } from "./useMaskletActions";
import type { ReviewActions } from "./useReviewActions";

export interface HeaderInfo {
  project: Project | null;
  backend: BackendStatus | null;
  live: { users: PresenceUser[]; status: ConnectionStatus };
  myId: number | null;
  /** the model that answered my last click */
  answeredBy?: ClickAnswerer | null;
}

/** What the side panels show and do. */
export interface SidePanels {
  task: Task | null;
  /** the task's activity feed, for its members (null: no task, or not one of them) */
  activity: ActivityFeed | null;
  roles: Roles;
  masklets: MaskletActions;
  /** masklets with a mask on this frame */
  onFrame: Set<number>;
  jobs: JobActions;
  review: ReviewActions;
  issues: ReviewIssue[];
  qa: QAPanelProps;
  /** a masklet's first frame with a mask (a proposal's key frame) */
  keyFrame?: (masklet: number) => number | null;
  /** why objects and proposals cannot be created, changed or decided here (task-level), or null */
  locked: string | null;
}

interface Props {
  header: HeaderInfo;
  edit: EditControls;
  canvas: ComponentProps<typeof MaskCanvas> & { failed: boolean };
  conflict: ComponentProps<typeof ConflictDialog> | null;
  side: SidePanels;
  timeline: ComponentProps<typeof Timeline>;
  /** why the editing tools are off here, or null */
  readOnly: string | null;
  playback: { buffering: boolean };
}

/** The page: header, toolbar, the frame with its overlays, the side panels and the timeline. */
export function WorkspaceLayout({ header, edit, canvas, conflict, side, timeline, readOnly, playback }: Props) {
  const { state, dispatch } = useWorkspace();
  const { failed, ...canvasProps } = canvas;
  return (
    <div className="workspace" data-testid="workspace">
      <WorkspaceHeader {...header} />
      <Toolbar edit={edit} />
      {readOnly ? (
        <div className="readonly-banner" role="status" data-testid="read-only">
          Read-only: {readOnly}
        </div>
      ) : null}
      <div className="ws-body">
        <div className="ws-center">
          <MaskCanvas {...canvasProps} />
          {failed ? <div className="canvas-error">This frame could not be loaded.</div> : null}
          {state.message ? (
            <div className={state.message.error ? "toast error" : "toast"} role="status" data-testid="toast">
              {state.message.text}
            </div>
          ) : null}
          {conflict ? <ConflictDialog {...conflict} /> : null}
          <ViewBar buffering={playback.buffering} />
        </div>
        <aside className="ws-side">
          <SidePanelList {...side} />
        </aside>
      </div>
      <Timeline {...timeline} />
      {state.help ? <HelpOverlay onClose={() => dispatch({ type: "setHelp", open: false })} /> : null}
    </div>
  );
}

function WorkspaceHeader({ project, backend, live, myId, answeredBy = null }: HeaderInfo) {
  const { state, dispatch, video } = useWorkspace();
  const { frame } = state;
  const time = video.frame_times?.[frame];
  return (
    <header className="ws-header">
      <Link to={project ? `/projects/${project.id}` : "/"} className="brand">
        ← {project?.name ?? "Masklet"}
      </Link>
      <strong className="ws-title">{video.name}</strong>
      <span className="frame-indicator" data-testid="frame-indicator">
        frame <b data-testid="current-frame">{frame}</b> / {video.frame_count - 1}
        {time != null ? ` · ${time.toFixed(2)} s` : ""}
      </span>
      {backend ? <BackendBadge backend={backend} /> : null}
      <ModelPicker backend={backend} answeredBy={answeredBy} />
      <div className="spacer" />
      <PresenceList users={live.users} myId={myId} status={live.status} onJump={(f) => dispatch({ type: "seek", frame: f })} />
      <button onClick={() => dispatch({ type: "setHelp", open: true })} data-testid="help-button" title="Keyboard shortcuts (?)">
        ?
      </button>
    </header>
  );
}

function SidePanelList({ task, activity, roles, masklets, onFrame, jobs, review, issues, qa, keyFrame, locked }: SidePanels) {
  return (
    <>
      {task ? <TaskPanel task={task} roles={roles} onAction={review.transition} /> : null}
      {task && activity ? <ActivityPanel taskId={task.id} feed={activity} /> : null}
      <MaskletReview review={{ ...review, canReview: roles.isReviewer }} />
      <MaskletPanel actions={masklets} onFrame={onFrame} locked={locked} />
      <PropagatePanel jobs={jobs} />
      <AutoMaskletPanel
        start={jobs.startAutomasklets}
        accept={(ids) => void masklets.acceptProposals(ids)}
        discard={(ids) => void masklets.discardProposals(ids)}
        keyFrame={keyFrame}
        locked={locked}
      />
      <ConceptPanel
        jobs={jobs}
        accept={(ids) => void masklets.acceptProposals(ids)}
        discard={(ids) => void masklets.discardProposals(ids)}
        keyFrame={keyFrame}
        locked={locked}
      />
      <QAPanel {...qa} />
      <IssuesPanel issues={issues} canCreate={true} actions={review} />
    </>
  );
}
