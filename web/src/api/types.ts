// Shapes of the Strada HTTP API v1, taken from the types openapi-typescript generates from
// docs/openapi.yaml (web/generated/schema.d.ts: `npm run gen:api`; test/api-schema.test.ts fails
// when it is out of date). Only a few are adjusted here, each for a reason given beside it.
import type {
  Agency,
  CallerFlag,
  CallerLookup,
  Contact as GeneratedContact,
  ContactInput as GeneratedContactInput,
  FlaggedCaller,
} from '../../generated/schema';

export type {
  User,
  SessionInfo as Session,
  OrgUser,
  CallerFlag,
  CodeLists,
  CallerLookup,
  SafetyPlan,
  FlaggedCaller,
  KnowledgeKind,
  KnowledgeInput,
  KnowledgeArticle,
  KnowledgeHit, // a search result: `snippet` (searches only) has the matched words between U+0002 and U+0003
  Agency,
  SupervisionList,
  ContactStats,
  CaseStats,
} from '../../generated/schema';
export type EarlierContact = CallerLookup['earlier_contacts'][number];

// Codes travel as strings: the lists come from GET /api/v1/codes at run time and grow between
// releases, so the enums of the contract are a snapshot the form must not be held to. Fields
// the server defaults (status, kind, the booleans) may be left out.
type ServerDefaulted = 'status' | 'kind' | 'imminent_danger' | 'follow_up_needed' | 'anonymous';
export type ContactInput = Omit<GeneratedContactInput, 'channel' | 'caller_type' | ServerDefaulted> &
  Partial<Pick<GeneratedContactInput, ServerDefaulted>> & {
    channel: string;
    caller_type?: string;
  };

/**
 * A stored contact: every field of ContactInput its kind has (the contract's Contact says so in
 * words), without `summary` and `caller_identifier` for roles that may not read sealed text.
 */
export type Contact = Omit<GeneratedContact, 'repeat_caller' | 'channel'> &
  Omit<Partial<ContactInput>, keyof GeneratedContact> & {
    channel: string;
    /** Single contact reads only, when the contact has a caller identifier. */
    repeat_caller?: { earlier_contacts: number; flags: CallerFlag[] };
  };

/** One page of a keyset-paged list (docs/openapi.yaml): the rows, and the next page's cursor. */
interface KeysetPage<T> {
  items: T[];
  /** null on the last page. */
  next_cursor: string | null;
}

export type ContactPage = KeysetPage<Contact>;
export type AgencyPage = KeysetPage<Agency>;
export type FlaggedCallerPage = KeysetPage<FlaggedCaller>;
