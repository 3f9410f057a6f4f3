// Splits a Chromium trace of one page (Tracing with the devtools.timeline categories) into where its
// main thread spends time: self time by trace event name (Paint, Layout, UpdateLayoutTree,
// FunctionCall, v8.run, GC, ...), which is what the CPU profile lumps together as "(program)".
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

/** Self time (ms) by event name on the renderer main threads, biggest first, and the threads' busy total: thread (CPU) time where the trace has it, since wall time counts waits for a core. */
export function mainThreadSelfTimes(events: TraceEvent[]): { busyMs: number; byName: [string, number][] } {
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const self = new Map<string, number>();
  let busy = 0;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!main.has(key) || e.ph !== 'X' || !e.dur) continue;
    const list = byThread.get(key) ?? [];
    list.push(e);
    byThread.set(key, list);
  }
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { e: TraceEvent; end: number; child: number }[] = [];
    const cost = (e: TraceEvent) => e.tdur ?? e.dur!;
    const pop = () => {
      const top = stack.pop()!;
      self.set(top.e.name, (self.get(top.e.name) ?? 0) + Math.max(0, cost(top.e) - top.child) / 1000);
    };
    for (const e of list) {
      while (stack.length && stack[stack.length - 1].end <= e.ts) pop();
      const end = e.ts + e.dur!;
      if (stack.length) stack[stack.length - 1].child += cost(e);
      else busy += cost(e) / 1000;
      stack.push({ e, end, child: 0 });
    }
    while (stack.length) pop();
  }
  return { busyMs: busy, byName: [...self.entries()].sort((a, b) => b[1] - a[1]) };
}

// `node --import tsx bench/browser-trace.ts TRACE.json [keystrokes] [pid]`: prints the split (per keystroke when given).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const raw = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const per = Number(process.argv[3] ?? 1);
  const all = Array.isArray(raw) ? raw : raw.traceEvents;
  // One renderer (PID) when given, else all.
  const pid = process.argv[4] ? Number(process.argv[4]) : null;
  const { busyMs, byName } = mainThreadSelfTimes(pid === null ? all : all.filter((e) => e.pid === pid));
  console.log(`main thread busy ${(busyMs / per).toFixed(2)} ms${per > 1 ? ' per keystroke' : ''}`);
  for (const [name, ms] of byName.slice(0, 30)) console.log(`${(ms / per).toFixed(3).padStart(9)} ms  ${((100 * ms) / busyMs).toFixed(1).padStart(5)} %  ${name}`);
}
