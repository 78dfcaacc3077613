/** The tab's calls to /api/tab, each with a fresh Teams SSO token in the Authorization header. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Me {
  name: string;
  roles: Array<{ role: string; site: string }>;
  canExport: boolean;
}
export interface TaskRow {
  applicationId: string;
  title: string;
  prisonerName: string;
  prisonerId: string;
  site: string;
  task: string;
  dueAt?: string;
  overdue: boolean;
}
export interface ListRow {
  id: string;
  kind: string;
  title: string;
  prisonerId: string;
  prisonerName: string;
  site: string;
  stage: string;
  closed: boolean;
  nextDue?: string;
  overdue: boolean;
  updatedAt: string;
}
export interface ListPage {
  rows: ListRow[];
  total: number;
  page: number;
  pageSize: number;
}
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string; tone?: string }
  | { type: 'facts'; facts: Array<{ title: string; value: string }> }
  | { type: 'section'; title: string; blocks: Block[] };
export interface ApplicationView {
  id: string;
  title: string;
  stage: string;
  closed: boolean;
  blocks: Block[];
}

export class Api {
  constructor(private readonly token: () => Promise<string>) {}

  me(): Promise<Me> {
    return this.json('/api/tab/me');
  }
  tasks(): Promise<{ tasks: TaskRow[] }> {
    return this.json('/api/tab/tasks');
  }
  applications(query: URLSearchParams): Promise<ListPage> {
    return this.json(`/api/tab/applications?${query.toString()}`);
  }
  application(id: string): Promise<ApplicationView> {
    return this.json(`/api/tab/applications/${encodeURIComponent(id)}`);
  }
  async exportCsv(
    query: URLSearchParams,
  ): Promise<{ blob: Blob; filename: string; rows: number; truncated: boolean }> {
    const res = await this.fetch(`/api/tab/export.csv?${query.toString()}`);
    const disposition = res.headers.get('Content-Disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'tautoko-applications.csv';
    return {
      blob: await res.blob(),
      filename,
      rows: Number(res.headers.get('X-Tautoko-Export-Rows') ?? 0),
      truncated: res.headers.get('X-Tautoko-Export-Truncated') === 'true',
    };
  }

  private async json<T>(path: string): Promise<T> {
    return (await (await this.fetch(path)).json()) as T;
  }

  private async fetch(path: string): Promise<Response> {
    const token = await this.token();
    const res = await fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    if (!res.ok)
      throw new ApiError(res.status, MESSAGES[res.status] ?? 'Tautoko could not answer. Try again.');
    return res;
  }
}

const MESSAGES: Record<number, string> = {
  401: 'Tautoko could not confirm who you are. Close the tab and open it again.',
  403: 'You are not in the Tautoko staff directory, so there is nothing to show. Ask an administrator to add you.',
  404: 'No application with that id that you can see.',
  503: 'Tautoko is not available right now. Try again in a few minutes.',
};
