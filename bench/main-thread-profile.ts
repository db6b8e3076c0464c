/**
 * The main thread of one open, from a Chrome trace (bench/form-open.ts FORM_OPEN_PROFILE=1):
 * the renderer main thread's tasks from navigation start to "on screen", with what ran in each
 * (script evaluation by file, timers, rAF callbacks, style recalc, layout, paint), then the
 * top self-time functions and files from the V8 CPU samples the trace holds.
 *
 * The trace is recorded with Playwright's browser.startTracing (CDP Tracing across every
 * process: the tab's renderer may change on navigation), categories below. Times are ms from the
 * tab's navigationStart, as performance.now() counts them.
 */

export const PROFILE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-devtools.timeline.frame",
  "v8.execute",
  "v8",
  "blink.user_timing",
  "loading",
  "toplevel",
  "disabled-by-default-v8.cpu_profiler",
];

/** One trace event as Chrome writes it (the fields read here). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string | number;
  args?: {
    name?: string;
    data?: Record<string, unknown> & {
      url?: string;
      functionName?: string;
      documentLoaderURL?: string;
      frame?: string;
      isMainFrame?: boolean;
      cpuProfile?: {
        nodes?: Array<{
          id: number;
          parent?: number;
          callFrame: { functionName: string; url: string; lineNumber?: number };
        }>;
        samples?: number[];
      };
      timeDeltas?: number[];
      startTime?: number;
    };
    beginData?: { url?: string; frame?: string };
    frame?: string;
  };
}

/** What a task did, by kind: ms of each (exclusive of the other kinds nested in it). */
export interface TaskSummary {
  start: number;
  duration: number;
  /** "script app-abc.js 97; style 20; layout 18", the biggest parts first. */
  parts: Array<{ what: string; ms: number }>;
  /** The courtesy:<step> marks that fell inside it. */
  marks: string[];
}

export interface MainThreadProfile {
  /** The renderer main thread's tasks of 1 ms and over, in order. */
  tasks: TaskSummary[];
  /** ms busy (in a task) and idle between navigation start and `until`. */
  busyMs: number;
  /** Sum per kind over the window (script by file, style, layout, paint, parse HTML…). */
  byKind: Array<{ what: string; ms: number }>;
  /** Self time per function (V8 samples), biggest first. */
  functions: Array<{ what: string; ms: number }>;
  /** Self time per script file. */
  files: Array<{ what: string; ms: number }>;
  marks: Array<{ name: string; at: number }>;
}

/** A short name for a script URL: its file, without the origin and the folders. */
export function fileOf(url: string | undefined): string {
  if (!url) return "(no file)";
  const clean = url.replace(/^[a-z]+:\/\/[^/]+/, "").replace(/\?.*$/, "");
  return clean.split("/").pop() || clean || "(no file)";
}

/** The kind a timeline event stands for, or undefined for events that only wrap others. */
export function kindOf(event: TraceEvent): string | undefined {
  const data = event.args?.data;
  switch (event.name) {
    case "EvaluateScript":
      return `evaluate ${fileOf(data?.url)}`;
    case "v8.evaluateModule":
      // Chrome names no file here: a module graph's evaluation (the entry and its static imports).
      return "evaluate modules";
    case "v8.compileModule":
      return `compile ${fileOf(data?.url ?? (event.args as { fileName?: string } | undefined)?.fileName)}`;
    case "v8.compile":
    case "v8.produceModuleCache":
    case "v8.produceCache":
      return `compile ${fileOf(data?.url ?? (event.args as { fileName?: string } | undefined)?.fileName)}`;
    case "FunctionCall":
      return `call ${fileOf(data?.url)}${data?.functionName ? ` ${data.functionName}` : ""}`;
    case "DocumentLoader::CommitNavigation":
      return "navigation commit";
    case "LocalWindowProxy::Initialize":
      return "new page context";
    case "CpuProfiler::StartProfiling":
      return "profiler start (the trace's own cost)";
    case "Receive mojo reply":
      return "IPC reply";
    case "TimerFire":
      return "timer";
    case "FireAnimationFrame":
      return "animation frame";
    case "FireIdleCallback":
      return "idle callback";
    case "RunMicrotasks":
      return "microtasks";
    case "EventDispatch":
      return `event ${String(data?.type ?? "")}`.trim();
    case "ParseHTML":
      return "parse HTML";
    case "ParseAuthorStyleSheet":
      return "parse CSS";
    case "UpdateLayoutTree":
    case "RecalculateStyles":
      return "style";
    case "Layout":
      return "layout";
    case "PrePaint":
    case "Paint":
    case "PaintImage":
    case "UpdateLayer":
    case "UpdateLayerTree":
    case "Layerize":
    case "Commit":
      return "paint";
    case "MajorGC":
    case "MinorGC":
    case "V8.GC_SCAVENGER":
    case "BlinkGC.AtomicPhase":
      return "gc";
    case "ResourceReceivedData":
    case "ResourceFinish":
    case "ResourceReceiveResponse":
      return undefined;
    default:
      return undefined;
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Adds `ms` to `key` of `into`. */
function add(into: Map<string, number>, key: string, ms: number): void {
  into.set(key, (into.get(key) ?? 0) + ms);
}

const sorted = (totals: Map<string, number>) =>
  [...totals].map(([what, ms]) => ({ what, ms: round(ms) })).sort((a, b) => b.ms - a.ms);

/**
 * The main thread of the tab that loaded `pageUrl` (its renderer's CrRendererMain whose
 * navigationStart names that URL), from navigation start to `untilMs` later.
 */
export function summariseTrace(events: readonly TraceEvent[], pageUrl: string, untilMs: number): MainThreadProfile {
  // The tab's main thread: the navigationStart of our URL (the last one, if several).
  const starts = events.filter(
    (e) =>
      e.name === "navigationStart" &&
      typeof e.args?.data?.documentLoaderURL === "string" &&
      e.args.data.documentLoaderURL.startsWith(pageUrl) &&
      e.args.data.isMainFrame !== false,
  );
  const nav = starts[starts.length - 1];
  if (!nav) throw new Error(`no navigationStart for ${pageUrl} in the trace`);
  const { pid, tid } = nav;
  const zero = nav.ts;
  const until = zero + untilMs * 1000;
  const at = (ts: number) => (ts - zero) / 1000;
  const thread = events.filter((e) => e.pid === pid && e.tid === tid);

  const marks = thread
    .filter((e) => e.name.startsWith("courtesy:") && e.ts >= zero && e.ts <= until)
    .map((e) => ({ name: e.name.slice("courtesy:".length), at: round(at(e.ts)) }))
    .sort((a, b) => a.at - b.at);

  // Complete events ("X") only, plus B/E pairs folded into them.
  const complete: Array<{ name: string; start: number; end: number; kind?: string; top: boolean }> = [];
  const open = new Map<string, TraceEvent[]>();
  for (const e of [...thread].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === "X" && e.dur !== undefined) {
      complete.push({
        name: e.name,
        start: e.ts,
        end: e.ts + e.dur,
        kind: kindOf(e),
        top: e.name === "RunTask" || e.name === "ThreadControllerImpl::RunTask",
      });
    } else if (e.ph === "B") {
      const stack = open.get(e.name) ?? [];
      stack.push(e);
      open.set(e.name, stack);
    } else if (e.ph === "E") {
      const begin = open.get(e.name)?.pop();
      if (begin) {
        const merged = { ...begin, args: { ...begin.args, ...e.args, data: { ...begin.args?.data, ...e.args?.data } } };
        complete.push({ name: e.name, start: begin.ts, end: e.ts, kind: kindOf(merged), top: false });
      }
    }
  }
  // Top-level tasks: RunTask not nested in another RunTask (keep the outermost).
  const tops = complete
    .filter((c) => c.top && c.end > zero && c.start < until)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const tasks: Array<(typeof tops)[number]> = [];
  for (const t of tops) {
    const last = tasks[tasks.length - 1];
    if (last && t.start < last.end) continue;
    tasks.push(t);
  }
  const kinds = complete
    .filter((c) => c.kind && c.end > zero && c.start < until)
    .sort((a, b) => a.start - b.start || b.end - a.end);

  const byKind = new Map<string, number>();
  const summaries: TaskSummary[] = [];
  let busy = 0;
  for (const task of tasks) {
    const start = Math.max(task.start, zero);
    const end = Math.min(task.end, until);
    busy += (end - start) / 1000;
    // Exclusive time per kind: each event's time minus the kinded events nested directly in it
    // (a sweep with a stack: events by start, the longer first).
    const inside = kinds.filter((k) => k.start >= task.start && k.end <= task.end);
    const own = inside.map((k) => k.end - k.start);
    const stack: number[] = [];
    inside.forEach((k, i) => {
      while (stack.length && (inside[stack[stack.length - 1] as number]?.end ?? 0) <= k.start) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent !== undefined) own[parent] = (own[parent] ?? 0) - (k.end - k.start);
      stack.push(i);
    });
    const parts = new Map<string, number>();
    inside.forEach((k, i) => {
      if (k.kind && (own[i] ?? 0) > 0) add(parts, k.kind, (own[i] ?? 0) / 1000);
    });
    const accounted = [...parts.values()].reduce((a, b) => a + b, 0);
    const other = (task.end - task.start) / 1000 - accounted;
    if (other > 0.5) add(parts, "other", other);
    for (const [what, ms] of parts) add(byKind, what, ms);
    summaries.push({
      start: round(at(task.start)),
      duration: round((task.end - task.start) / 1000),
      parts: sorted(parts),
      marks: marks.filter((m) => m.at >= at(task.start) && m.at <= at(task.end)).map((m) => m.name),
    });
  }

  // V8 CPU samples of this thread (Profile + ProfileChunk events share an id).
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  const profileIds = new Set(thread.filter((e) => e.name === "Profile").map((e) => String(e.id)));
  const chunks = events.filter(
    (e) => e.name === "ProfileChunk" && e.pid === pid && (profileIds.size === 0 || profileIds.has(String(e.id))),
  );
  const profileStart = thread.find((e) => e.name === "Profile")?.args?.data?.startTime;
  if (chunks.length && profileStart !== undefined) {
    const nodes = new Map<number, { functionName: string; url: string }>();
    let time = profileStart;
    const samples: Array<{ node: number; ts: number }> = [];
    for (const chunk of chunks.sort((a, b) => a.ts - b.ts)) {
      const data = chunk.args?.data;
      for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node.callFrame);
      const ids = data?.cpuProfile?.samples ?? [];
      const deltas = data?.timeDeltas ?? [];
      ids.forEach((node, i) => {
        time += deltas[i] ?? 0;
        samples.push({ node, ts: time });
      });
    }
    for (let i = 0; i < samples.length - 1; i++) {
      const sample = samples[i];
      const next = samples[i + 1];
      if (!sample || !next || sample.ts < zero || sample.ts > until) continue;
      const frame = nodes.get(sample.node);
      if (!frame || frame.functionName === "(idle)") continue;
      const ms = (next.ts - sample.ts) / 1000;
      const file = frame.url ? fileOf(frame.url) : frame.functionName;
      add(functions, `${frame.functionName || "(anonymous)"} ${frame.url ? fileOf(frame.url) : ""}`.trim(), ms);
      add(files, file, ms);
    }
  }
  return {
    tasks: summaries,
    busyMs: round(busy),
    byKind: sorted(byKind),
    functions: sorted(functions),
    files: sorted(files),
    marks,
  };
}

/** The profile as text. */
export function printProfile(profile: MainThreadProfile, untilMs: number, label: string): void {
  console.log(
    `\nMain thread of one open, ${label}: ms from navigation start to on screen (${untilMs.toFixed(0)}); ` +
      `${profile.busyMs.toFixed(0)} ms in tasks, ${(untilMs - profile.busyMs).toFixed(0)} ms idle.\n`,
  );
  console.log(`${"start".padStart(6)} ${"ms".padStart(6)}  what ran (exclusive ms)`);
  for (const task of profile.tasks.filter((t) => t.duration >= 1)) {
    const parts = task.parts
      .filter((p) => p.ms >= 0.5)
      .slice(0, 5)
      .map((p) => `${p.what} ${p.ms.toFixed(0)}`)
      .join("; ");
    const marks = task.marks.length ? `  ● ${task.marks.join(", ")}` : "";
    console.log(`${task.start.toFixed(0).padStart(6)} ${task.duration.toFixed(0).padStart(6)}  ${parts}${marks}`);
  }
  const list = (title: string, rows: Array<{ what: string; ms: number }>, count: number) => {
    console.log(`\n${title}`);
    for (const row of rows.slice(0, count)) console.log(`  ${row.ms.toFixed(1).padStart(7)}  ${row.what}`);
  };
  list("By kind over the open (exclusive ms):", profile.byKind, 15);
  if (profile.files.length) {
    list("Self time by file (V8 samples):", profile.files, 10);
    list("Top self-time functions (V8 samples):", profile.functions, 20);
  }
}
