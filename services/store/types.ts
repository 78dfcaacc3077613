import type { Person, RoleGrant } from '../directory/person';
import type { ApplicationDoc, AuditEvent, WorkflowKind } from '../workflow/domain';
import type { Role } from '../directory/roles';
import type { DelegationRepository } from '../directory/delegation';

/**
 * The persistence seam. Each interface has a MongoDB implementation (production) and an
 * in-memory one (the embedded demo default); one contract suite runs against both.
 * Only the subset of MongoDB that FerretDB shares is used: single-document atomic updates,
 * unique and compound indexes, findOneAndUpdate.
 */

export interface ApplicationSearch {
  scope: {
    /** Applications this person takes part in are visible wherever they are. */
    participant: string;
    /** Sites where the asker holds a role. */
    sites: string[];
    /** A national role (site `*`): every site is visible. */
    allSites: boolean;
  };
  kind?: WorkflowKind;
  /** Part of the stage's wording, any case. */
  stage?: string;
  site?: string;
  /** open: not closed; closed: decided, withdrawn or otherwise finished; overdue: open with a task past due. */
  state?: 'open' | 'closed' | 'overdue';
  /** Matched, case-insensitively, anywhere in the application id, the prisoner id or the prisoner's name. */
  text?: string;
  now: Date;
  skip: number;
  limit: number;
}

export interface SearchPage {
  items: ApplicationDoc[];
  total: number;
}

export interface ApplicationRepository {
  insert(doc: ApplicationDoc): Promise<void>;
  get(id: string): Promise<ApplicationDoc | null>;
  /** Replaces the document only if its stored version is `expectedVersion`. */
  replaceIfVersion(doc: ApplicationDoc, expectedVersion: number): Promise<boolean>;
  findByTaskKeys(keys: string[], limit: number): Promise<ApplicationDoc[]>;
  findByPrisoner(prisonerId: string, limit: number): Promise<ApplicationDoc[]>;
  /** Open applications of a kind with a given dedupe key (for "one per prisoner per programme"). */
  findOpenByDedupeKey(kind: WorkflowKind, dedupeKey: string): Promise<ApplicationDoc | null>;
  /** Every application of a kind, newest first (prohibition orders, read across processes). */
  findByKind(kind: WorkflowKind, limit: number): Promise<ApplicationDoc[]>;
  /** Open applications with a task due before `before` (reminders, post-hui outcome tasks). */
  findOpenWithTaskDueBefore(before: Date, limit: number): Promise<ApplicationDoc[]>;
  /** A filtered page within the asker's scope, newest first, with the number of matches (the tab's list). */
  search(query: ApplicationSearch): Promise<SearchPage>;
  count(): Promise<number>;
}

export interface EventRepository {
  /** Appends a batch; fails with DuplicateError when any (applicationId, seq) exists already. */
  append(events: AuditEvent[]): Promise<void>;
  list(applicationId: string, fromSeq?: number): Promise<AuditEvent[]>;
  /** Whether an event with this id is stored: a point look-up, for the hot path's "anything newer?". */
  hasEvent(eventId: string): Promise<boolean>;
  applicationIds(): Promise<string[]>;
  /** Events recorded after `after` (by their time), oldest first: what the reconcile sweep looks at. */
  since(after: Date, limit: number): Promise<Array<{ applicationId: string; seq: number; at: Date }>>;
}

export class DuplicateError extends Error {
  constructor(message = 'duplicate key') {
    super(message);
    this.name = 'DuplicateError';
  }
}

/**
 * Which state of the directory a read saw. `key` changes with every import and every change to
 * anyone's roles, in any process, so a cache of people is good exactly while `key` is unchanged.
 */
export interface DirectoryRevision {
  generation: string;
  key: string;
}

export interface PeopleRepository {
  /** The directory's current revision: one point read. */
  revision(): Promise<DirectoryRevision>;
  /** `at`: a revision just read, which saves reading it again. */
  get(aadObjectId: string, at?: DirectoryRevision): Promise<Person | null>;
  upsert(person: Person): Promise<void>;
  /** Replaces the whole directory in one step (an import never leaves half a directory). */
  replaceAll(people: Person[]): Promise<void>;
  withRole(role: Role, site: string): Promise<Person[]>;
  /** Everyone holding any of these roles at its site or nationally, in one read. */
  withAnyRole(grants: RoleGrant[]): Promise<Person[]>;
  addRole(aadObjectId: string, grant: RoleGrant): Promise<boolean>;
  removeRole(aadObjectId: string, grant: RoleGrant): Promise<boolean>;
  findByNameOrEmail(query: string): Promise<Person[]>;
  all(): Promise<Person[]>;
}

/** A Bot Framework conversation reference, kept as plain JSON. */
export type StoredReference = Record<string, unknown>;

export interface ConversationRepository {
  savePersonal(aadObjectId: string, reference: StoredReference): Promise<void>;
  getPersonal(aadObjectId: string): Promise<StoredReference | null>;
  /** Forgets a 1:1 reference Teams says no longer exists (404), so it is re-established. */
  removePersonal(aadObjectId: string): Promise<void>;
  /** Records a person's Teams user id (the `29:…` MRI Teams sends as `from.id`), for cards' refresh.userIds. */
  saveUserId(aadObjectId: string, userId: string): Promise<void>;
  /** The Teams user ids known for these people; people never seen are absent. */
  userIdsOf(aadObjectIds: string[]): Promise<Map<string, string>>;
  registerChannel(purpose: string, site: string, reference: StoredReference, by: string): Promise<void>;
  getChannel(purpose: string, site: string): Promise<StoredReference | null>;
  listChannels(): Promise<Array<{ purpose: string; site: string; registeredBy: string; at: Date }>>;
}

export type OutboxTarget =
  { kind: 'person'; aadObjectId: string } | { kind: 'channel'; purpose: string; site: string };

/**
 * Which card to render for a message. The domain names it; the bot layer renders it at delivery
 * time for the recipient, so the card shows the application as it is then and as that person may see it.
 */
export interface CardRef {
  name: string;
  applicationId?: string;
  params?: Record<string, string | number | boolean>;
}

export interface OutboxMessage {
  /** Derived from the event that caused the message and the recipient: a retry never duplicates. */
  _id: string;
  target: OutboxTarget;
  text: string;
  cardRef?: CardRef;
  /** Messages with the same thread key update the first one's post in place instead of posting again. */
  threadKey?: string;
  applicationId?: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  createdAt: Date;
  sentAt?: Date;
  activityId?: string;
  lastError?: string;
  /** Whose change caused the message: told when it cannot be delivered to a person. */
  requestedBy?: string;
  /** Edit this earlier message (the id Teams gave it) to the card as it is now, instead of sending a new one. */
  updateOf?: string;
}

export interface OutboxRepository {
  /** Inserts messages whose ids are new; an existing id is left alone (idempotent enqueue). */
  enqueue(messages: OutboxMessage[]): Promise<number>;
  /** Atomically claims one due message for `owner` until `leaseUntil`. */
  claimNext(owner: string, now: Date, leaseUntil: Date): Promise<OutboxMessage | null>;
  /** Claims up to `limit` due messages for `owner`, oldest first, each exactly as `claimNext` would. */
  claimBatch(owner: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]>;
  markSent(id: string, owner: string, at: Date, activityId: string | undefined): Promise<void>;
  markRetry(id: string, owner: string, nextAttemptAt: Date, error: string): Promise<void>;
  markFailed(id: string, owner: string, error: string): Promise<void>;
  /** Cards delivered to people for an application (sent, with Teams' id, not themselves edits): what each person holds. */
  heldCards(applicationId: string): Promise<OutboxMessage[]>;
  /** Hands a claimed message back for later without counting an attempt (rate limits, busy conversation). */
  defer(id: string, owner: string, nextAttemptAt: Date): Promise<void>;
  /** Pending messages that were due at or before `dueBefore` and are still not delivered: a stuck outbox. */
  overdue(dueBefore: Date): Promise<{ count: number; oldestDueAt?: Date }>;
  /** Hands back every message `owner` has claimed but not finished (on shutdown). */
  releaseAll(owner: string): Promise<number>;
  listFailed(limit: number): Promise<OutboxMessage[]>;
  get(id: string): Promise<OutboxMessage | null>;
  /** The activity id of the first delivered message in a thread, for updates in place. */
  threadActivity(threadKey: string): Promise<{ activityId: string; target: OutboxTarget } | null>;
  saveThreadActivity(threadKey: string, target: OutboxTarget, activityId: string): Promise<void>;
  countByStatus(): Promise<Record<OutboxMessage['status'], number>>;
}

/** Unique claims on a key, e.g. "one open assessment per prisoner per programme". */
export interface ClaimRepository {
  /** Claims `key` for `holder`; returns the current holder when somebody else has it. */
  claim(key: string, holder: string): Promise<{ ok: true } | { ok: false; holder: string }>;
  release(key: string, holder: string): Promise<void>;
}

export interface CounterRepository {
  /** Atomically returns the next number in a named sequence, starting at 1. */
  next(name: string): Promise<number>;
}

export interface LeaseRepository {
  /** Takes or renews a named lease; true when `owner` holds it until `until`. */
  acquire(name: string, owner: string, now: Date, until: Date): Promise<boolean>;
  release(name: string, owner: string): Promise<void>;
}

/** Raw storage for botbuilder's `Storage` (dialog and conversation state) with eTag concurrency. */
export interface StateDoc {
  _id: string;
  eTag: string;
  data: string;
}
export interface StateRepository {
  read(keys: string[]): Promise<StateDoc[]>;
  /** Writes when `expectedETag` is '*' or undefined, or matches the stored one; false on a clash. */
  write(key: string, data: string, newETag: string, expectedETag: string | undefined): Promise<boolean>;
  delete(keys: string[]): Promise<void>;
}

export interface Store {
  readonly kind: 'memory' | 'mongodb';
  applications: ApplicationRepository;
  events: EventRepository;
  people: PeopleRepository;
  conversations: ConversationRepository;
  outbox: OutboxRepository;
  counters: CounterRepository;
  claims: ClaimRepository;
  leases: LeaseRepository;
  state: StateRepository;
  /** Acting cover: grants and revocations (services/directory/delegation.ts). */
  delegations: DelegationRepository;
  /** Resolves when the database answers; rejects when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
