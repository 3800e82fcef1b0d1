// A choice of one of the organisation's case workers and supervisors (GET /api/v1/case-workers).
import type { ApiClient } from '../api/client';
import { assignableUsers, type Assignable } from './tasksApi';
import { useLoaded } from './useLoaded';

/** The organisation's case workers and supervisors ([] until loaded). */
export function useWorkers(api: ApiClient): Assignable[] {
  return useLoaded(() => assignableUsers(api), []).value?.items ?? [];
}

interface Props {
  id: string;
  workers: Assignable[];
  value: string;
  onValue: (id: string) => void;
  /** Offered first, with the value "" (e.g. "choose a worker"). */
  empty?: string;
  /** Left out of the choice (e.g. the worker the case is with). */
  except?: string;
  /** The id of the error message about this choice, when there is one. */
  errorId?: string;
}

export function WorkerSelect({ id, workers, value, onValue, empty, except, errorId }: Props) {
  return (
    <select id={id} value={value} aria-invalid={errorId ? true : undefined} aria-describedby={errorId} onChange={(e) => onValue(e.currentTarget.value)}>
      {empty !== undefined && <option value="">{empty}</option>}
      {workers
        .filter((w) => w.id !== except)
        .map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
    </select>
  );
}
