import { useCallback, useEffect, useMemo, useState } from "react";
import { asApiError, useResource, type Resource } from "../hooks";
import { paintStroke, type Point } from "../lib/brush";
import { fallbackColor } from "../lib/compose";
import { currentConflict } from "../lib/conflicts";
import { api } from "../lib/endpoints";
import type { RealtimeEvent } from "../lib/realtime";
import { cropAt, decodeRle, emptyBitmap, encodeRle } from "../lib/rle";
import { isPendingAutoMasklet, type BackendStatus, type Direction, type Label, type Masklet, type Project, type ReadyVideo, type Task, type User } from "../lib/types";
import { Link } from "../router";
import { MaskCanvas, type Tool } from "./MaskCanvas";
import { AutoMaskletPanel, MaskletPanel } from "./MaskletPanel";
import { ConflictDialog, HelpOverlay, PresenceList } from "./Overlays";
import { IssuesPanel, MaskletReview, TaskPanel } from "./ReviewPanel";
import { Timeline } from "./Timeline";
import { PropagatePanel, Toolbar } from "./Toolbar";
import { useEditing } from "./useEditing";
import { useFrames } from "./useFrames";
import { useJobs, type TrackedJob } from "./useJobs";
import { maskletColor, useMaskLayer } from "./useMaskLayer";
import { useMasks } from "./useMasks";
import { useRealtime } from "./useRealtime";
import { useShortcuts } from "./useShortcuts";
import { useTimelineData } from "./useTimelineData";

interface Props {
  video: ReadyVideo;
  project: Project | null;
  labels: Label[];
  masklets: Resource<Masklet[]>;
  task: Task | null;
  setTask: (t: Task) => void;
  backend: BackendStatus | null;
  me: User | null;
}

function initialFrame(video: ReadyVideo, task: Task | null): number {
  const raw = new URLSearchParams(window.location.search).get("frame");
  const q = raw === null || raw === "" ? NaN : Number(raw);
  if (Number.isInteger(q) && q >= 0 && q < video.frame_count) return q;
  return task ? Math.min(video.frame_count - 1, task.frame_start) : 0;
}

export function Workspace({ video, project, labels, masklets: maskletRes, task, setTask, backend, me }: Props) {
  const W = video.width;
  const H = video.height;
  const N = video.frame_count;
  const masklets = useMemo(() => maskletRes.data ?? [], [maskletRes.data]);
  const labelMap = useMemo(() => new Map(labels.map((l) => [l.id, l])), [labels]);
  const [frame, setFrameState] = useState(() => initialFrame(video, task));
  const [selected, setSelected] = useState<number | null>(null);
  const [tool, setTool] = useState<Tool>("positive");
  const [brushSize, setBrushSize] = useState(12);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const [masksVisible, setMasksVisible] = useState(true);
  const [help, setHelp] = useState(false);
  const [fitNonce, setFitNonce] = useState(0);
  const [direction, setDirection] = useState<Direction>("forward");
  const [maxFrames, setMaxFrames] = useState(Math.min(50, Math.max(1, N)));
  const [currentLabel, setCurrentLabel] = useState<number | null>(labels[0]?.id ?? null);
  const [pendingIssue, setPendingIssue] = useState<[number, number] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [rejectFocus, setRejectFocus] = useState(0);
  const issues = useResource(() => api.issues(video.id), [video.id]);

  const role = project?.my_role ?? null;
  const isReviewer = task ? task.reviewer === me?.id : role === "reviewer" || role === "manager";
  const isAssignee = task ? task.assignee === me?.id : role === "annotator" || role === "manager";

  const say = useCallback((text: string, error = false) => setMessage({ text, error }), []);
  useEffect(() => {
    if (!message) return;
    const t = window.setTimeout(() => setMessage(null), message.error ? 8000 : 3000);
    return () => window.clearTimeout(t);
  }, [message]);

  const setFrame = useCallback((f: number) => setFrameState(Math.min(N - 1, Math.max(0, Math.round(f)))), [N]);

  // keep ?frame= in the address so a link shows the same frame (debounced replaceState)
  useEffect(() => {
    const t = window.setTimeout(() => {
      const url = new URL(window.location.href);
      url.searchParams.set("frame", String(frame));
      window.history.replaceState(null, "", url.pathname + url.search);
    }, 300);
    return () => window.clearTimeout(t);
  }, [frame]);

  // past 1.25 screen pixels per display-frame pixel, show the original frame instead
  const [viewScale, setViewScale] = useState(1);
  const displayRatio = video.display_width && video.display_width < W ? W / video.display_width : 1;
  const frames = useFrames(video.id, N, frame, displayRatio > 1 && viewScale * displayRatio > 1.25);
  const masks = useMasks(video.id, N, frame);
  const timeline = useTimelineData(video.id);
  const editing = useEditing({
    width: W,
    height: H,
    store: masks.store,
    bump: masks.bump,
    onStored: timeline.noteMask,
    onError: (m) => say(m, true),
  });

  const onJobFinished = useCallback(
    (j: TrackedJob) => {
      if (j.status === "failed") say(`${j.kind} failed${j.error ? `: ${j.error}` : ""}`, true);
      else if (j.status === "succeeded") say(`${j.kind === "automask" ? "Automatic masklets" : "Propagation"} finished`);
      void maskletRes.reload();
      void timeline.reload();
      masks.reloadAll();
    },
    [say, maskletRes, timeline, masks],
  );
  const jobs = useJobs(video.id, N, onJobFinished);

  const onEvent = useCallback(
    (e: RealtimeEvent) => {
      switch (e.type) {
        case "mask.updated":
          masks
            .refreshMasklet(e.masklet, e.frames, e.versions)
            .then(editing.noteServerMasks)
            .catch(() => undefined);
          timeline.reloadSoon();
          break;
        case "masklet.changed":
          if (e.action === "deleted") {
            masks.store.removeMasklet(e.masklet);
            masks.bump();
            editing.forgetMasklet(e.masklet);
            timeline.removeRow(e.masklet);
            setSelected((s) => (s === e.masklet ? null : s));
          }
          void maskletRes.reload();
          break;
        case "job.progress":
          jobs.onProgress(e);
          break;
        case "job.finished":
          jobs.onFinishedEvent(e);
          break;
        case "review.changed":
          void issues.reload();
          if (task && (e.task == null || e.task === task.id)) api.task(task.id).then(setTask, () => undefined);
          break;
      }
    },
    [masks, editing, timeline, maskletRes, jobs, issues, task, setTask],
  );
  const onReconnect = useCallback(() => {
    jobs.loadActive();
    if (task) api.task(task.id).then(setTask, () => undefined);
    void maskletRes.reload();
    void timeline.reload();
    void issues.reload();
    masks.reloadAll();
  }, [jobs, task, setTask, maskletRes, timeline, issues, masks]);
  const live = useRealtime(video.id, frame, onEvent, onReconnect);

  const layer = useMaskLayer({
    store: masks.store,
    revision: masks.revision,
    frame,
    width: W,
    height: H,
    masklets,
    labels: labelMap,
    selected,
    hidden,
    visible: masksVisible,
  });

  const selectedMasklet = masklets.find((m) => m.id === selected);
  const selectedColor = maskletColor(selectedMasklet, labelMap);
  const orderedMasklets = useMemo(() => masklets.slice().sort((a, b) => a.number - b.number), [masklets]);
  const onFrameIds = useMemo(() => new Set(masks.store.masksOnFrame(frame).filter((m) => m.area > 0).map((m) => m.masklet)), [masks.store, masks.revision, frame]);

  // ---- object actions -------------------------------------------------------------------
  const createMasklet = useCallback(async (): Promise<number | null> => {
    try {
      const m = await api.createMasklet(video.id, currentLabel);
      maskletRes.setData((old) => [...(old ?? []).filter((x) => x.id !== m.id), m]);
      setSelected(m.id);
      return m.id;
    } catch (e) {
      say(asApiError(e).fullMessage, true);
      return null;
    }
  }, [video.id, currentLabel, maskletRes, say]);

  const ensureMasklet = useCallback(async () => selected ?? (await createMasklet()), [selected, createMasklet]);

  const deleteMasklet = useCallback(
    async (id: number) => {
      const m = masklets.find((x) => x.id === id);
      if (!window.confirm(`Delete object #${m?.number ?? id} and all its masks?`)) return;
      try {
        await api.deleteMasklet(id);
        maskletRes.setData((old) => (old ?? []).filter((x) => x.id !== id));
        masks.store.removeMasklet(id);
        masks.bump();
        editing.forgetMasklet(id);
        timeline.removeRow(id);
        setSelected((s) => (s === id ? null : s));
      } catch (e) {
        say(asApiError(e).fullMessage, true);
      }
    },
    [masklets, maskletRes, masks, editing, timeline, say],
  );

  const patchMasklet = useCallback(
    async (id: number, body: Parameters<typeof api.patchMasklet>[1], done?: string) => {
      try {
        const m = await api.patchMasklet(id, body);
        maskletRes.setData((old) => (old ?? []).map((x) => (x.id === id ? { ...x, ...m } : x)));
        if (done) say(done);
        return true;
      } catch (e) {
        say(asApiError(e).fullMessage, true);
        return false;
      }
    },
    [maskletRes, say],
  );

  const cycleLabel = () => {
    if (!selectedMasklet || labels.length === 0) return;
    const i = labels.findIndex((l) => l.id === selectedMasklet.label);
    void patchMasklet(selectedMasklet.id, { label: labels[(i + 1) % labels.length].id });
  };

  const stepMasklet = (delta: 1 | -1) => {
    const list = orderedMasklets;
    if (list.length === 0) return;
    const i = list.findIndex((m) => m.id === selected);
    const next = list[(i + delta + list.length) % list.length];
    setSelected(next.id);
    // reviewers step through objects: show each where it has a mask
    if (!timeline.hasMaskOn(next.id, frame)) {
      const f = timeline.firstFrame(next.id);
      if (f !== null) setFrame(f);
    }
  };

  // ---- canvas tools -------------------------------------------------------------------
  const onClick = async (p: Point, label: 0 | 1) => {
    const id = await ensureMasklet();
    if (id === null) return;
    await editing.prompt(id, frame, { points: [[p.x, p.y]], labels: [label] }, label ? "positive click" : "negative click");
  };
  const onBox = async (box: [number, number, number, number]) => {
    const id = await ensureMasklet();
    if (id === null) return;
    await editing.prompt(id, frame, { box }, "box");
  };
  const onStroke = async (points: Point[], value: 0 | 1) => {
    if (value === 0 && selected === null) {
      say("Select an object to erase from.", true);
      return;
    }
    const id = await ensureMasklet();
    if (id === null) return;
    const current = masks.store.get(id, frame);
    // the brush edits a full-frame bitmap of this one mask
    const bitmap = current ? decodeRle(current.rle) : emptyBitmap(W, H);
    if (paintStroke(bitmap, points, brushSize, value) === 0) return;
    await editing.writeMask(id, frame, encodeRle(bitmap), { record: value ? "brush" : "eraser" });
  };

  // ---- jobs ---------------------------------------------------------------------------
  const propagate = async (d: Direction = direction) => {
    const ids = selected !== null ? [selected] : [...onFrameIds];
    if (ids.length === 0) {
      say("Nothing to propagate: select an object that has a mask on this frame.", true);
      return;
    }
    try {
      await jobs.startPropagation(ids, frame, d, maxFrames);
      setDirection(d);
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };
  const cancelJob = async (id: number) => {
    try {
      await jobs.cancel(id);
      say("Job cancelled");
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };
  const escape = () => {
    if (help) return setHelp(false);
    if (pendingIssue) return setPendingIssue(null);
    const j = jobs.cancellable();
    if (j) void cancelJob(j.id);
  };
  const startAuto = async () => {
    try {
      await jobs.startAutomasklets();
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };
  const acceptAuto = async (ids: number[]) => {
    for (const id of ids) await patchMasklet(id, { status: "draft" });
  };
  const discardAuto = async (ids: number[]) => {
    for (const id of ids) {
      try {
        await api.deleteMasklet(id);
        maskletRes.setData((old) => (old ?? []).filter((x) => x.id !== id));
        masks.store.removeMasklet(id);
        timeline.removeRow(id);
      } catch (e) {
        say(asApiError(e).fullMessage, true);
      }
    }
    masks.bump();
  };

  // ---- review -------------------------------------------------------------------------
  const verify = async (id: number) => {
    if (await patchMasklet(id, { status: "verified" }, "Verified")) stepMasklet(1);
  };
  const reject = async (id: number, reason: string) => {
    if (await patchMasklet(id, { status: "rejected", comment: reason }, "Rejected")) stepMasklet(1);
  };
  const taskAction = async (action: "start" | "submit" | "accept" | "reject", comment: string) => {
    if (!task) return;
    try {
      setTask(await api.transition(task.id, action, comment));
      say(`Task ${action === "start" ? "started" : action === "submit" ? "submitted" : action + "ed"}`);
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };
  /** The topmost visible masklet whose mask covers a pixel of this frame. */
  const maskletAt = (x: number, y: number): number | null => {
    if (x < 0 || y < 0 || x >= W || y >= H) return null;
    const here = masks.store.masksOnFrame(frame).filter((m) => m.area > 0 && !hidden.has(m.masklet));
    const order = [...here.filter((m) => m.masklet === selected), ...here.filter((m) => m.masklet !== selected)];
    for (const m of order) if (cropAt(masks.store.decode(m), Math.floor(x), Math.floor(y))) return m.masklet;
    return null;
  };
  const placeIssue = (p: Point) => {
    setPendingIssue([p.x, p.y]);
    const under = maskletAt(p.x, p.y);
    if (under !== null) setSelected(under); // the issue is about the object clicked on
  };
  const createIssue = async (text: string) => {
    if (!pendingIssue) return;
    try {
      await api.createIssue(video.id, { frame, masklet: selected, position: pendingIssue, text });
      setPendingIssue(null);
      await issues.reload();
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };
  const issueCall = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await issues.reload();
    } catch (e) {
      say(asApiError(e).fullMessage, true);
    }
  };

  // ---- keyboard -----------------------------------------------------------------------
  const lo = task ? task.frame_start : 0;
  const hi = task ? Math.min(N - 1, task.frame_end ?? N - 1) : N - 1; // null: to the end
  const spaceHeld = useShortcuts({
    nextFrame: () => setFrame(frame + 1),
    prevFrame: () => setFrame(frame - 1),
    next10: () => setFrame(frame + 10),
    prev10: () => setFrame(frame - 10),
    firstFrame: () => setFrame(frame === lo ? 0 : lo),
    lastFrame: () => setFrame(frame === hi ? N - 1 : hi),
    toolPositive: () => setTool("positive"),
    toolNegative: () => setTool("negative"),
    toolBox: () => setTool("box"),
    toolBrush: () => setTool("brush"),
    toolEraser: () => setTool("eraser"),
    toolIssue: () => setTool("issue"),
    toolPan: () => setTool("pan"),
    brushBigger: () => setBrushSize((s) => Math.min(150, Math.round(s * 1.25) + 1)),
    brushSmaller: () => setBrushSize((s) => Math.max(1, Math.round(s / 1.25))),
    undo: () => void editing.undo(),
    redo: () => void editing.redo(),
    resetClicks: () => selected !== null && editing.resetClicks(selected, frame),
    newObject: () => void createMasklet(),
    deleteObject: () => selected !== null && void deleteMasklet(selected),
    nextMasklet: () => stepMasklet(1),
    prevMasklet: () => stepMasklet(-1),
    cycleLabel,
    propagateForward: () => void propagate("forward"),
    propagateBackward: () => void propagate("backward"),
    propagateBoth: () => void propagate("both"),
    cancel: escape,
    toggleMasks: () => setMasksVisible((v) => !v),
    fitView: () => setFitNonce((n) => n + 1),
    verify: () => isReviewer && selected !== null && void verify(selected),
    reject: () => isReviewer && setRejectFocus((n) => n + 1),
    help: () => setHelp((h) => !h),
  });

  const issuesHere = (issues.data ?? []).filter((i) => i.frame === frame);
  const conflict = currentConflict(editing.conflicts);
  const clicksHere = selected !== null ? editing.clicks[`${selected}:${frame}`] ?? [] : [];
  const time = video.frame_times?.[frame];

  return (
    <div className="workspace" data-testid="workspace">
      <header className="ws-header">
        <Link to={project ? `/projects/${project.id}` : "/"} className="brand">
          ← {project?.name ?? "Masklet"}
        </Link>
        <strong className="ws-title">{video.name}</strong>
        <span className="frame-indicator" data-testid="frame-indicator">
          frame <b data-testid="current-frame">{frame}</b> / {N - 1}
          {time != null ? ` · ${time.toFixed(2)} s` : ""}
        </span>
        {backend ? (
          <span className={`badge backend backend-${backend.backend}`} data-testid="backend-label" title={`inference backend ${backend.backend} ${backend.version}`}>
            {backend.backend_label}
          </span>
        ) : null}
        <div className="spacer" />
        <PresenceList users={live.users} myId={me?.id ?? null} status={live.status} onJump={setFrame} />
        <button onClick={() => setHelp(true)} data-testid="help-button" title="Keyboard shortcuts (?)">
          ?
        </button>
      </header>
      <Toolbar
        tool={tool}
        setTool={setTool}
        brushSize={brushSize}
        setBrushSize={setBrushSize}
        canUndo={editing.canUndo}
        canRedo={editing.canRedo}
        onUndo={() => void editing.undo()}
        onRedo={() => void editing.redo()}
        onResetClicks={() => selected !== null && editing.resetClicks(selected, frame)}
        busy={editing.busy}
      />
      <div className="ws-body">
        <div className="ws-center">
          <MaskCanvas
            image={frames.image}
            width={W}
            height={H}
            frame={frame}
            maskLayer={layer.canvas}
            maskCount={layer.count}
            tool={tool}
            brushSize={brushSize}
            color={selectedColor}
            clicks={clicksHere}
            issues={issuesHere}
            pendingIssue={pendingIssue}
            fitNonce={fitNonce}
            spaceHeld={spaceHeld}
            loadingFrame={frames.imageFrame !== frame}
            onClick={(p, l) => void onClick(p, l)}
            onBox={(b) => void onBox(b)}
            onStroke={(pts, v) => void onStroke(pts, v)}
            onIssue={placeIssue}
            onScale={setViewScale}
          />
          {frames.failed ? <div className="canvas-error">This frame could not be loaded.</div> : null}
          {message ? (
            <div className={message.error ? "toast error" : "toast"} role="status" data-testid="toast">
              {message.text}
            </div>
          ) : null}
          {conflict ? (
            <ConflictDialog
              conflict={conflict}
              count={editing.conflicts.conflicts.length}
              color={maskletColor(masklets.find((m) => m.id === conflict.masklet), labelMap)}
              onResolve={(k, c) => void editing.resolve(k, c)}
              onShow={setFrame}
            />
          ) : null}
        </div>
        <aside className="ws-side">
          {task ? <TaskPanel task={task} isAssignee={isAssignee} isReviewer={isReviewer} onAction={(a, c) => void taskAction(a, c)} /> : null}
          <MaskletReview masklet={selectedMasklet} canReview={isReviewer} onVerify={(id) => void verify(id)} onReject={(id, r) => void reject(id, r)} onStep={stepMasklet} rejectFocus={rejectFocus} />
          <MaskletPanel
            masklets={orderedMasklets}
            labels={labels}
            labelMap={labelMap}
            selected={selected}
            hidden={hidden}
            currentLabel={currentLabel}
            setCurrentLabel={setCurrentLabel}
            onSelect={setSelected}
            onToggleHidden={(id) =>
              setHidden((h) => {
                const n = new Set(h);
                if (n.has(id)) n.delete(id);
                else n.add(id);
                return n;
              })
            }
            onNew={() => void createMasklet()}
            onDelete={(id) => void deleteMasklet(id)}
            onChangeLabel={(id, label) => void patchMasklet(id, { label })}
            onFrameMasklets={onFrameIds}
          />
          <PropagatePanel
            direction={direction}
            setDirection={setDirection}
            maxFrames={maxFrames}
            setMaxFrames={setMaxFrames}
            onPropagate={(d) => void propagate(d)}
            disabled={selected === null && onFrameIds.size === 0}
            jobs={jobs.jobs}
            onCancel={(id) => void cancelJob(id)}
          />
          <AutoMaskletPanel
            masklets={masklets}
            jobs={jobs.jobs}
            onStart={() => void startAuto()}
            onAccept={(ids) => void acceptAuto(ids)}
            onDiscard={(ids) => void discardAuto(ids)}
            onSelect={setSelected}
            labelMap={labelMap}
            disabled={false}
          />
          <IssuesPanel
            issues={issues.data ?? []}
            frame={frame}
            pending={pendingIssue}
            canCreate={true}
            selectedMasklet={selectedMasklet}
            onCreate={(t) => void createIssue(t)}
            onCancel={() => setPendingIssue(null)}
            onResolve={(id) => void issueCall(() => api.resolveIssue(id))}
            onComment={(id, t) => void issueCall(() => api.commentIssue(id, t))}
            onJump={setFrame}
          />
        </aside>
      </div>
      <Timeline
        frameCount={N}
        rows={orderedMasklets.map((m) => ({ id: m.id, name: `#${m.number} ${m.name}${isPendingAutoMasklet(m) ? " (auto)" : ""}`, color: maskletColor(m, labelMap) || fallbackColor(m.number) }))}
        data={timeline.data}
        frame={frame}
        selected={selected}
        jobs={jobs.jobs}
        presence={live.users}
        myId={me?.id ?? null}
        taskRange={task ? [task.frame_start, task.frame_end ?? N - 1] : null}
        issueFrames={(issues.data ?? []).filter((i) => !i.resolved).map((i) => i.frame)}
        onSeek={setFrame}
        onSelect={setSelected}
      />
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
    </div>
  );
}
