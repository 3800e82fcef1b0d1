// Tasks, transfers and assignment (docs/openapi.yaml, tag "cases"): a case's tasks, the caller's
// open tasks and the transfers offered to them, and who a case can be given to (names and ids).
import type { ApiClient } from '../api/client';
import type { AssignableUserList, CaseTask, CaseTaskList, MyTransferList } from '../../generated/schema';
import type { CaseRecord } from './api';

export type { CaseTask, CaseTransfer } from '../../generated/schema';
export type MyTransfer = MyTransferList['items'][number];
export type Assignable = AssignableUserList['items'][number];

const casePath = (id: string, rest: string) => `/api/v1/cases/${encodeURIComponent(id)}${rest}`;

export interface TaskChange {
  done?: boolean;
  title?: string;
  due_on?: string;
  assigned_to?: string;
  version: number;
}

export function changeTask(api: ApiClient, caseId: string, taskId: string, change: TaskChange): Promise<CaseTask> {
  return api.request('PUT', casePath(caseId, `/tasks/${encodeURIComponent(taskId)}`), { body: change });
}

export function myOpenTasks(api: ApiClient): Promise<CaseTaskList> {
  return api.request('GET', '/api/v1/tasks?assigned_to=me&open=true');
}

export function myTransfers(api: ApiClient): Promise<MyTransferList> {
  return api.request('GET', '/api/v1/transfers?to=me');
}

export function assignableUsers(api: ApiClient): Promise<AssignableUserList> {
  return api.request('GET', '/api/v1/case-workers');
}

export function assignCase(api: ApiClient, id: string, body: { assigned_to: string; team: string[]; version: number }): Promise<CaseRecord> {
  return api.request('PUT', casePath(id, '/assignment'), { body });
}

export function requestTransfer(api: ApiClient, id: string, body: { to: string; reason: string; version: number }): Promise<CaseRecord> {
  return api.request('POST', casePath(id, '/transfer'), { body });
}

export function decideTransfer(api: ApiClient, id: string, accept: boolean): Promise<{ case_id: string; accepted: boolean }> {
  return api.request('POST', casePath(id, '/transfer/acceptance'), { body: { accept } });
}

/** Overdue first, then soonest due (the server sends soonest due first). */
export function overdueFirst<T extends { overdue: boolean }>(items: T[]): T[] {
  return [...items.filter((t) => t.overdue), ...items.filter((t) => !t.overdue)];
}
