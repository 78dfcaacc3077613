import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type restify from 'restify';

/**
 * The hosts that may frame the tab: Teams on the web and the desktop/mobile clients' web views.
 * Nothing else may (clickjacking); the local development host page adds 'self' on a developer's machine only.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.teams.cloud.microsoft',
  'https://*.skype.com',
];

export function contentSecurityPolicy(extraAncestors: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${[...extraAncestors, ...TEAMS_FRAME_ANCESTORS].join(' ')}`,
  ].join('; ');
}

/** The built tab (`npm run build:tab` → dist/tab), found from the project root in source and in dist alike. */
export function defaultTabDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return resolve(dir, 'dist', 'tab');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the tab's files with the CSP; `devHost` adds the local Teams stand-in (never in production). */
export function registerTabPages(server: restify.Server, opts: { tabDir: string; devHost: boolean }): void {
  const csp = contentSecurityPolicy(opts.devHost ? ["'self'"] : []);
  const files: Record<string, string> = {
    '/tab/': 'index.html',
    '/tab/index.html': 'index.html',
    '/tab/app.js': 'app.js',
    '/tab/app.css': 'app.css',
  };
  if (opts.devHost) {
    files['/tab/dev-host'] = 'dev-host.html';
    files['/tab/dev-host.js'] = 'dev-host.js';
  }
  for (const [path, file] of Object.entries(files)) {
    server.get(path, async (_req: restify.Request, res: restify.Response) => {
      const full = join(opts.tabDir, file);
      const headers = {
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      };
      if (!existsSync(full)) {
        res.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('The tab has not been built: run npm run build:tab.');
        return;
      }
      const ext = file.slice(file.lastIndexOf('.'));
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[ext] ?? 'application/octet-stream' });
      res.end(readFileSync(full));
    });
  }
  server.get('/tab', async (_req: restify.Request, res: restify.Response) => {
    res.redirect(301, '/tab/', () => undefined);
  });
}
