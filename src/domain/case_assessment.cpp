#include "domain/case_assessment.h"

#include <algorithm>
#include <set>

#include "domain/client.h"
#include "domain/codes.h"

namespace strada::domain {
namespace {

// The most a case worker may record: entries of a list, or characters of a text.
enum Limit : std::size_t {
  kMaxIndicators = 60,
  kMaxGoals = 50,
  kMaxNoteChars = 2000,
  kMaxGoalChars = 1000,
  kMaxReasonChars = 500,
};

std::size_t codePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

// OK when `code` is in the list `list`; otherwise InvalidArgument on `field` saying `what`.
Status requireListed(std::string_view list, std::string_view code, const std::string& field,
                     std::string_view what) {
  const CodeList* codes = findCodeList(list);
  if (codes == nullptr || !codes->contains(code)) {
    return invalidField(field, std::string(what));
  }
  return {};
}

Status requireDayNotAfter(std::string_view text, std::string_view field, UnixMillis now) {
  auto day = parseCalendarDate(text, field);
  if (!day) {
    return tl::unexpected(day.error());
  }
  if (*day > now / 86'400'000) {
    return invalidField(std::string(field), "The date cannot be in the future.");
  }
  return {};
}

std::string at(std::string_view list, std::size_t i, std::string_view member = {}) {
  std::string field = std::string(list) + "[" + std::to_string(i) + "]";
  if (!member.empty()) {
    field += "." + std::string(member);
  }
  return field;
}

}  // namespace

Status validateIdentification(const Identification& id, UnixMillis now) {
  if (id.indicators.size() > kMaxIndicators) {
    return invalidField("indicators", "Choose at most 60 indicators.");
  }
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < id.indicators.size(); ++i) {
    if (auto ok = requireListed("identification_indicator", id.indicators[i], at("indicators", i),
                                "Choose the indicators observed from the list offered.");
        !ok) {
      return ok;
    }
    if (!seen.insert(id.indicators[i]).second) {
      return invalidField(at("indicators", i), "Choose each indicator once.");
    }
  }
  if (auto ok = requireDayNotAfter(id.assessed_on, "assessed_on", now); !ok) {
    return ok;
  }
  if (id.trafficking_status.empty() != id.decided_by.empty()) {
    return invalidField(id.decided_by.empty() ? "decided_by" : "trafficking_status",
                        "Give the trafficking status together with who decided it.");
  }
  if (id.trafficking_status.empty()) {
    return {};
  }
  if (auto ok = requireListed("trafficking_status", id.trafficking_status, "trafficking_status",
                              "Choose the trafficking status from the list offered.");
      !ok) {
    return ok;
  }
  return requireListed("status_decided_by", id.decided_by, "decided_by",
                       "Choose who decided the status from the list offered.");
}

Status validateNeeds(const NeedsAssessment& needs, UnixMillis now) {
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < needs.domains.size(); ++i) {
    const NeedEntry& n = needs.domains[i];
    if (auto ok = requireListed("need_domain", n.domain, at("domains", i, "domain"),
                                "Choose the domain from the list offered.");
        !ok) {
      return ok;
    }
    if (!seen.insert(n.domain).second) {
      return invalidField(at("domains", i, "domain"), "Assess each domain once.");
    }
    if (auto ok = requireListed("need_level", n.level, at("domains", i, "level"),
                                "Choose the level of need from the list offered.");
        !ok) {
      return ok;
    }
    if (codePoints(n.note) > kMaxNoteChars) {
      return invalidField(at("domains", i, "note"), "Keep the note under 2000 characters.");
    }
  }
  return requireDayNotAfter(needs.assessed_on, "assessed_on", now);
}

Status validatePlanGoals(const std::vector<PlanGoal>& goals) {
  if (goals.size() > kMaxGoals) {
    return invalidField("goals", "A plan holds at most 50 goals.");
  }
  for (std::size_t i = 0; i < goals.size(); ++i) {
    const PlanGoal& g = goals[i];
    if (auto ok = requireListed("need_domain", g.domain, at("goals", i, "domain"),
                                "Choose the goal's domain from the list offered.");
        !ok) {
      return ok;
    }
    if (blank(g.goal) || codePoints(g.goal) > kMaxGoalChars) {
      return invalidField(at("goals", i, "goal"), "Write the goal in 1 to 1000 characters.");
    }
    if (auto day = parseCalendarDate(g.target_date, at("goals", i, "target_date")); !day) {
      return tl::unexpected(day.error());
    }
    if (auto ok = requireListed("plan_goal_owner", g.owner, at("goals", i, "owner"),
                                "Choose who owns the goal from the list offered.");
        !ok) {
      return ok;
    }
    if (auto ok = requireListed("plan_goal_status", g.status, at("goals", i, "status"),
                                "Choose the goal's status from the list offered.");
        !ok) {
      return ok;
    }
  }
  return {};
}

bool maySubmitPlan(std::string_view plan_status) {
  return plan_status == kPlanDraft || plan_status == kPlanReturned;
}

Status validatePlanDecision(std::string_view decision, std::string_view reason) {
  if (decision != "approve" && decision != "return") {
    return invalidField("decision", "Decide \"approve\" or \"return\".");
  }
  if (codePoints(reason) > kMaxReasonChars) {
    return invalidField("reason", "Keep the reason under 500 characters.");
  }
  if (decision == "return" && blank(reason)) {
    return invalidField("reason", "Say why the plan goes back, so the case worker can change it.");
  }
  return {};
}

}  // namespace strada::domain
