import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads the `.cpuprofile` files `node --cpu-prof` wrote and says where the bot's CPU time went:
 * by area (a dependency in node_modules, the project's own directories, Node's internals, garbage
 * collection, idle) and the functions with the most self time.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface ProfileSummary {
  files: string[];
  /** Milliseconds of CPU sampled (idle excluded). */
  busyMs: number;
  areas: Array<{ area: string; ms: number; share: number }>;
  functions: Array<{ name: string; where: string; ms: number; share: number }>;
}

function areaOf(url: string, functionName: string): string {
  if (functionName === '(idle)') return '(idle)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  if (url.startsWith('node:') || url === '') return 'node internals';
  const project = /\/(bot|cards|dialogs|services|scripts|bench)\//.exec(url);
  return project ? `tautoko ${project[1]}/` : 'other';
}

export function summariseProfiles(dir: string): ProfileSummary {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const areas = new Map<string, number>();
  const functions = new Map<string, { name: string; where: string; ms: number }>();
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const samples = profile.samples?.length ?? 0;
    const perSampleMs = samples > 0 ? (profile.endTime - profile.startTime) / 1000 / samples : 0;
    for (const node of profile.nodes) {
      const ms = (node.hitCount ?? 0) * perSampleMs;
      if (ms === 0) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url, functionName);
      areas.set(area, (areas.get(area) ?? 0) + ms);
      if (area === '(idle)' || area === '(program)') continue;
      const where = `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(?=(bot|cards|dialogs|services)\/)/, '')}:${lineNumber + 1}`;
      const key = `${functionName}@${where}`;
      const f = functions.get(key) ?? { name: functionName || '(anonymous)', where, ms: 0 };
      f.ms += ms;
      functions.set(key, f);
    }
  }
  const busyMs = [...areas.entries()].filter(([a]) => a !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
  const share = (ms: number) => Math.round((ms / Math.max(busyMs, 1)) * 1000) / 10;
  return {
    files,
    busyMs: Math.round(busyMs),
    areas: [...areas.entries()]
      .filter(([a]) => a !== '(idle)')
      .map(([area, ms]) => ({ area, ms: Math.round(ms), share: share(ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15),
    functions: [...functions.values()]
      .map((f) => ({ ...f, ms: Math.round(f.ms), share: share(f.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15),
  };
}
