#include "store/training_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <map>

#include "domain/codes.h"
#include "store/guarded.h"
#include "store/statements.h"

namespace strada::store {

using detail::guarded;
using detail::guardedWrite;
using detail::prepareAndExecute;

namespace {

constexpr std::int32_t kMaxListLimit = 1000;

constexpr detail::VersionedTable kTrainings = {
    "trainings", "No such training.",
    "Someone else changed this training since you opened it. Reload it and make your change "
    "again."};

struct TrainingColumns {
  std::string id, org_id, status, start_date, end_date, topics, agencies, trainers, text_sealed,
      updated_by;
  int score_tenths = 0;
  long long updated_at = 0;
  int version = 0;

  void bindInto(soci::statement& st) {
    detail::intoEach(st, id, org_id, status, start_date, end_date, topics, agencies, trainers,
                     score_tenths, text_sealed, updated_at, updated_by, version);
  }

  domain::Result<TrainingRow> toRow() const {
    TrainingRow row;
    row.id = id;
    row.org_id = org_id;
    row.status = status;
    row.start_date = start_date;
    row.end_date = end_date;
    row.topics = detail::splitList(topics);
    row.agencies = detail::splitList(agencies);
    row.trainers = detail::splitList(trainers);
    row.score_tenths = score_tenths;
    row.updated_at = updated_at;
    row.updated_by = updated_by;
    row.version = version;
    auto sealed = detail::fromHex(text_sealed);
    if (!sealed) {
      return domain::internalError("trainings.text_sealed is not hex");
    }
    row.text_sealed = std::move(*sealed);
    return row;
  }
};

const char* const kSelectColumns =
    "SELECT id, org_id, status, start_date, end_date, topics, agencies, trainers, score_tenths, "
    "text_sealed, updated_at, updated_by, version FROM trainings";

// The written columns that are not the row's own strings.
struct TrainingWritten {
  std::string topics, agencies, trainers, sealed;
  int score = 0;
  long long updated_at = 0;

  explicit TrainingWritten(const TrainingRow& row)
      : topics(detail::joinList(row.topics)),
        agencies(detail::joinList(row.agencies)),
        trainers(detail::joinList(row.trainers)),
        sealed(detail::toHex(row.text_sealed)),
        score(row.score_tenths),
        updated_at(row.updated_at) {}
};

void insertAudiences(soci::session& sql, const TrainingRow& row) {
  for (const TrainingAudience& a : row.audiences) {
    detail::insertRow(sql, "training_audiences", "training_id, audience, participants", row.id,
                      a.audience, a.participants);
  }
}

// The position of `audience` in the training_audience list (unknown codes last).
std::size_t audienceOrder(const std::string& audience) {
  const domain::CodeList* list = domain::findCodeList("training_audience");
  if (list == nullptr) {
    return 0;
  }
  auto it = std::find(list->codes.begin(), list->codes.end(), audience);
  return static_cast<std::size_t>(it - list->codes.begin());
}

// Reads the audiences of `rows` (one query) into each row, in list order.
void readAudiences(soci::session& sql, std::vector<TrainingRow>& rows) {
  if (rows.empty()) {
    return;
  }
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    index.emplace(rows[i].id, i);
  }
  std::string training_id, audience;
  int participants = 0;
  soci::statement st(sql);
  detail::intoEach(st, training_id, audience, participants);
  for (const TrainingRow& row : rows) {
    st.exchange(soci::use(row.id));
  }
  prepareAndExecute(st,
                    "SELECT training_id, audience, participants FROM training_audiences WHERE "
                    "training_id IN (" +
                        detail::placeholders(rows.size()) + ")");
  while (st.fetch()) {
    if (auto it = index.find(training_id); it != index.end()) {
      rows[it->second].audiences.push_back(TrainingAudience{audience, participants});
    }
  }
  for (TrainingRow& row : rows) {
    std::sort(row.audiences.begin(), row.audiences.end(),
              [](const TrainingAudience& a, const TrainingAudience& b) {
                return audienceOrder(a.audience) < audienceOrder(b.audience);
              });
  }
}

}  // namespace

domain::Status insertTraining(WriteContext& w, const TrainingRow& row) {
  return guardedWrite(
      "insert training", "trainings", {{"", "A training with this id already exists.", "id"}},
      [&]() -> domain::Status {
        const TrainingWritten v(row);
        const int version = row.version;
        w.sql() << "INSERT INTO trainings (id, org_id, status, start_date, end_date, topics, "
                   "agencies, trainers, score_tenths, text_sealed, updated_at, updated_by, "
                   "version) VALUES (:id, :org_id, :status, :start_date, :end_date, :topics, "
                   ":agencies, :trainers, :score, :sealed, :updated_at, :updated_by, :version)",
            soci::use(row.id), soci::use(row.org_id), soci::use(row.status),
            soci::use(row.start_date), soci::use(row.end_date), soci::use(v.topics),
            soci::use(v.agencies), soci::use(v.trainers), soci::use(v.score), soci::use(v.sealed),
            soci::use(v.updated_at), soci::use(row.updated_by), soci::use(version);
        insertAudiences(w.sql(), row);
        return {};
      });
}

domain::Status updateTraining(WriteContext& w, const TrainingRow& row,
                              std::int32_t expected_version) {
  return guarded("update training", [&]() -> domain::Status {
    const TrainingWritten v(row);
    const int expected = expected_version;
    soci::statement st =
        (w.sql().prepare << "UPDATE trainings SET status = :status, start_date = :start_date, "
                            "end_date = :end_date, topics = :topics, agencies = :agencies, "
                            "trainers = :trainers, score_tenths = :score, text_sealed = :sealed, "
                            "updated_at = :updated_at, updated_by = :updated_by, "
                            "version = version + 1 "
                            "WHERE id = :id AND org_id = :org_id AND version = :expected",
         soci::use(row.status), soci::use(row.start_date), soci::use(row.end_date),
         soci::use(v.topics), soci::use(v.agencies), soci::use(v.trainers), soci::use(v.score),
         soci::use(v.sealed), soci::use(v.updated_at), soci::use(row.updated_by), soci::use(row.id),
         soci::use(row.org_id), soci::use(expected));
    st.execute(true);
    if (st.get_affected_rows() == 0) {
      return detail::explainUnchangedRow(w.sql(), kTrainings, row.id, row.org_id);
    }
    w.sql() << "DELETE FROM training_audiences WHERE training_id = :id", soci::use(row.id);
    insertAudiences(w.sql(), row);
    return {};
  });
}

domain::Status deleteTraining(WriteContext& w, const std::string& org_id, const std::string& id,
                              std::int32_t expected_version) {
  return guarded("delete training", [&]() -> domain::Status {
    const int expected = expected_version;
    int found = 0;
    w.sql() << "SELECT COUNT(*) FROM trainings WHERE id = :id AND org_id = :org_id AND "
               "version = :expected",
        soci::into(found), soci::use(id), soci::use(org_id), soci::use(expected);
    if (found == 0) {
      return detail::explainUnchangedRow(w.sql(), kTrainings, id, org_id);
    }
    w.sql() << "DELETE FROM training_audiences WHERE training_id = :id", soci::use(id);
    w.sql() << "DELETE FROM trainings WHERE id = :id AND org_id = :org_id", soci::use(id),
        soci::use(org_id);
    return {};
  });
}

domain::Result<std::optional<TrainingRow>> findTraining(soci::session& sql, const std::string& id) {
  return guarded("find training", [&]() -> domain::Result<std::optional<TrainingRow>> {
    TrainingColumns cols;
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(id, "id"));
    prepareAndExecute(st, std::string(kSelectColumns) + " WHERE id = :id");
    auto found = detail::fetchCheckedRow(st, [&] { return cols.toRow(); });
    if (!found || !found->has_value()) {
      return found;
    }
    std::vector<TrainingRow> rows{std::move(**found)};
    readAudiences(sql, rows);
    return std::optional<TrainingRow>(std::move(rows.front()));
  });
}

domain::Result<std::vector<TrainingRow>> listTrainings(soci::session& sql,
                                                       const TrainingQuery& query) {
  return guarded("list trainings", [&]() -> domain::Result<std::vector<TrainingRow>> {
    TrainingColumns cols;
    const std::string year = std::to_string(query.year);
    const std::string first = year + "-01-01";
    const std::string last = year + "-12-31";
    const std::string topic_pattern = "%," + query.topic + ",%";  // codes: no LIKE wildcards
    const std::string after_date = query.after ? query.after->start_date : std::string();
    const std::string after_id = query.after ? query.after->id : std::string();
    const int limit = std::clamp<std::int32_t>(query.limit, 1, kMaxListLimit);

    std::string text = std::string(kSelectColumns) + " WHERE org_id = :org_id";
    soci::statement st(sql);
    cols.bindInto(st);
    st.exchange(soci::use(query.org_id, "org_id"));
    if (query.year != 0) {
      text += " AND start_date >= :first AND start_date <= :last";
      st.exchange(soci::use(first, "first"));
      st.exchange(soci::use(last, "last"));
    }
    detail::addClauseIfSet(text, st,
                           " AND EXISTS (SELECT 1 FROM training_audiences a WHERE a.training_id = "
                           "trainings.id AND a.audience = :audience)",
                           query.audience, "audience");
    detail::addClauseIf(!query.topic.empty(), text, st,
                        " AND (',' || topics || ',') LIKE :topic_pattern", topic_pattern,
                        "topic_pattern");
    if (query.after) {
      text += " AND (start_date < :after_date1 OR (start_date = :after_date2 AND id < :after_id))";
      st.exchange(soci::use(after_date, "after_date1"));
      st.exchange(soci::use(after_date, "after_date2"));
      st.exchange(soci::use(after_id, "after_id"));
    }
    text += " ORDER BY start_date DESC, id DESC LIMIT :lim";
    st.exchange(soci::use(limit, "lim"));
    prepareAndExecute(st, text);
    auto rows = detail::collectCheckedRows(st, [&] { return cols.toRow(); });
    if (rows) {
      readAudiences(sql, *rows);
    }
    return rows;
  });
}

domain::Result<std::vector<TrainingCount>> countHeldTrainings(soci::session& sql,
                                                              const std::string& org_id,
                                                              const std::string& first_date,
                                                              const std::string& last_date) {
  return guarded("count trainings", [&]() -> domain::Result<std::vector<TrainingCount>> {
    std::string year, audience;
    long long courses = 0, participants = 0;
    std::map<std::pair<std::string, std::string>, TrainingCount> out;
    {
      // Every held course of each year (its participants: the sum of the audiences below).
      soci::statement st(sql);
      detail::intoEach(st, year, courses);
      detail::useEach(st, org_id, first_date, last_date);
      prepareAndExecute(st,
                        "SELECT SUBSTR(start_date, 1, 4), COUNT(*) FROM trainings WHERE "
                        "org_id = :org_id AND status = 'held' AND start_date >= :first AND "
                        "start_date <= :last GROUP BY SUBSTR(start_date, 1, 4)");
      while (st.fetch()) {
        out[{year, ""}] = TrainingCount{std::stoi(year), "", courses, 0};
      }
    }
    soci::statement st(sql);
    detail::intoEach(st, year, audience, courses, participants);
    detail::useEach(st, org_id, first_date, last_date);
    prepareAndExecute(st,
                      "SELECT SUBSTR(t.start_date, 1, 4), a.audience, COUNT(*), "
                      "SUM(a.participants) FROM trainings t JOIN training_audiences a ON "
                      "a.training_id = t.id WHERE t.org_id = :org_id AND t.status = 'held' AND "
                      "t.start_date >= :first AND t.start_date <= :last "
                      "GROUP BY SUBSTR(t.start_date, 1, 4), a.audience");
    while (st.fetch()) {
      out[{year, audience}] = TrainingCount{std::stoi(year), audience, courses, participants};
      out[{year, ""}].participants += participants;
    }
    std::vector<TrainingCount> rows;
    rows.reserve(out.size());
    for (auto& [key, count] : out) {
      rows.push_back(std::move(count));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const TrainingCount& a, const TrainingCount& b) {
      if (a.year != b.year) {
        return a.year < b.year;
      }
      return (a.audience.empty() ? 0 : audienceOrder(a.audience) + 1) <
             (b.audience.empty() ? 0 : audienceOrder(b.audience) + 1);
    });
    return rows;
  });
}

}  // namespace strada::store
