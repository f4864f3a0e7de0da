import { useState } from "react";
import type { ReviewIssue, Task, TaskAction } from "../lib/types";
import { useWorkspace } from "./context";
import type { ReviewActions } from "./useReviewActions";

/** Reviewers step through masklets and verify or reject each with a reason. */
export function MaskletReview({ review }: { review: Pick<ReviewActions, "verify" | "reject" | "step"> & { canReview: boolean } }) {
  const { state, selectedMasklet: masklet } = useWorkspace();
  const rejectFocus = state.rejectFocus;
  const [reason, setReason] = useState("");
  if (!review.canReview) return null;
  return (
    <div className="panel" data-testid="review-panel">
      <h3>Review</h3>
      <div className="inline-form">
        <button onClick={() => review.step(-1)} title="Previous object (Shift+Tab)" data-testid="review-prev">
          ◀
        </button>
        <span className="grow">{masklet ? `#${masklet.number} ${masklet.name} — ${masklet.status.replace("_", " ")}` : "select an object"}</span>
        <button onClick={() => review.step(1)} title="Next object (Tab)" data-testid="review-next">
          ▶
        </button>
      </div>
      {masklet ? (
        <>
          <div className="inline-form">
            <button className="ok-button" onClick={() => review.verify(masklet.id)} data-testid="verify-masklet" title="Verify (V)">
              Verify
            </button>
            <input
              key={rejectFocus}
              autoFocus={rejectFocus > 0}
              placeholder="reason for rejecting"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="reject-reason"
            />
            <button
              className="danger"
              disabled={!reason.trim()}
              onClick={() => {
                review.reject(masklet.id, reason.trim());
                setReason("");
              }}
              data-testid="reject-masklet"
              title="Reject with the reason (X focuses the reason)"
            >
              Reject
            </button>
          </div>
          {masklet.review_comment ? <p className="review-comment">Last comment: {masklet.review_comment}</p> : null}
        </>
      ) : null}
    </div>
  );
}

/** Who does what on this video, from the task (or, without one, from the project role). */
export interface Roles {
  isAssignee: boolean;
  isReviewer: boolean;
}

interface TaskProps {
  task: Task;
  roles: Roles;
  onAction: (action: TaskAction, comment: string) => void | Promise<void>;
}

export function TaskPanel({ task, roles: { isAssignee, isReviewer }, onAction }: TaskProps) {
  const [comment, setComment] = useState("");
  return (
    <div className="panel" data-testid="task-panel">
      <h3>
        Task #{task.id}{" "}
        <span className={`badge state-${task.state}`} data-testid="task-state">
          {task.state.replace("_", " ")}
        </span>
      </h3>
      <p className="muted">
        frames {task.frame_start}–{task.frame_end} · annotator {task.assignee_name ?? "–"} · reviewer {task.reviewer_name ?? "–"}
      </p>
      <div className="inline-form">
        {isAssignee && (task.state === "new" || task.state === "rejected") ? (
          <button onClick={() => onAction("start", "")} data-testid="task-start">
            Start
          </button>
        ) : null}
        {isAssignee && (task.state === "in_progress" || task.state === "new") ? (
          // a "new" task is started on the way (the state machine submits only work in progress)
          <button
            className="primary"
            onClick={async () => {
              if (task.state === "new") await onAction("start", "");
              await onAction("submit", comment);
            }}
            data-testid="task-submit"
          >
            Submit for review
          </button>
        ) : null}
        {isReviewer && task.state === "submitted" ? (
          <>
            <input placeholder="comment" value={comment} onChange={(e) => setComment(e.target.value)} data-testid="task-comment" />
            <button className="ok-button" onClick={() => onAction("accept", comment)} data-testid="task-accept">
              Accept task
            </button>
            <button className="danger" onClick={() => onAction("reject", comment)} data-testid="task-reject">
              Reject task
            </button>
          </>
        ) : null}
      </div>
    </div>
  );
}

interface IssuesProps {
  issues: ReviewIssue[];
  canCreate: boolean;
  actions: Pick<ReviewActions, "createIssue" | "resolveIssue" | "commentIssue">;
}

/** Open review issues (everyone sees them), and the form for a new one after a click with the issue tool. */
export function IssuesPanel({ issues, canCreate, actions }: IssuesProps) {
  const { state, dispatch, selectedMasklet } = useWorkspace();
  const { frame, pendingIssue: pending } = state;
  const jump = (f: number) => dispatch({ type: "seek", frame: f });
  const [text, setText] = useState("");
  const [showResolved, setShowResolved] = useState(false);
  const open = issues.filter((i) => !i.resolved);
  const shown = showResolved ? issues : open;
  return (
    <div className="panel" data-testid="issues-panel">
      <div className="section-head">
        <h3>Issues ({open.length} open)</h3>
        <label className="inline small">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.target.checked)} /> resolved too
        </label>
      </div>
      {pending && canCreate ? (
        <form
          className="issue-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            actions.createIssue(text.trim());
            setText("");
          }}
        >
          <div className="muted">
            New issue on frame {frame} at ({pending[0]}, {pending[1]})
            {selectedMasklet ? ` about #${selectedMasklet.number}` : ""}
          </div>
          <textarea value={text} onChange={(e) => setText(e.target.value)} placeholder="What is wrong here?" autoFocus data-testid="issue-text" />
          <div className="inline-form">
            <button type="submit" className="primary" data-testid="issue-submit">
              Add issue
            </button>
            <button type="button" onClick={() => dispatch({ type: "placeIssue", position: null })}>
              Cancel
            </button>
          </div>
        </form>
      ) : canCreate ? (
        <p className="muted small">Pick the Issue tool (I) and click on the frame to raise one.</p>
      ) : null}
      <ul className="issue-list" data-testid="issue-list">
        {shown.map((i) => (
          <IssueItem key={i.id} issue={i} onResolve={actions.resolveIssue} onComment={actions.commentIssue} onJump={jump} current={i.frame === frame} />
        ))}
      </ul>
    </div>
  );
}

function IssueItem({
  issue,
  onResolve,
  onComment,
  onJump,
  current,
}: {
  issue: ReviewIssue;
  onResolve: (id: number) => void;
  onComment: (id: number, text: string) => void;
  onJump: (f: number) => void;
  current: boolean;
}) {
  const [reply, setReply] = useState("");
  return (
    <li className={`${issue.resolved ? "resolved" : ""} ${current ? "current" : ""}`} data-testid={`issue-${issue.id}`}>
      <div>
        <button className="link" onClick={() => onJump(issue.frame)} data-testid="issue-jump">
          frame {issue.frame}
        </button>{" "}
        <strong>{String(issue.author)}</strong>: {issue.text}
      </div>
      {issue.comments.map((c, k) => (
        <div key={k} className="comment">
          <strong>{String(c.author)}</strong>: {c.text}
        </div>
      ))}
      {!issue.resolved ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!reply.trim()) return;
            onComment(issue.id, reply.trim());
            setReply("");
          }}
        >
          <input value={reply} onChange={(e) => setReply(e.target.value)} placeholder="reply" />
          <button type="button" onClick={() => onResolve(issue.id)} data-testid="issue-resolve">
            Resolve
          </button>
        </form>
      ) : null}
    </li>
  );
}
