// A client's coded columns as the clients table holds them (lists comma-separated), shared by
// the client repository and the reads that export coded fields (store/standard_export_rows.h).
#pragma once

#include <string>

#include "domain/client.h"
#include "domain/encoding.h"
#include "store/sql_errors.h"

namespace strada::store::detail {

// The coded columns, in the order of kCodedList.
struct CodedColumns {
  std::string gender, age_band, citizenships, primary_language, education, trafficking_status,
      status_decided_by, relationship_to_trafficker, recruitment_methods, control_methods,
      exploitation_types, industries, countries_origin, countries_transit, countries_exploitation;
  int birth_year = 0;
  int age_when_trafficked = -1;

  static CodedColumns from(const domain::ClientCoded& c) {
    using detail::joinList;
    return {c.gender,
            c.age_band,
            joinList(c.citizenships),
            c.primary_language,
            c.education,
            c.trafficking_status,
            c.status_decided_by,
            c.relationship_to_trafficker,
            joinList(c.recruitment_methods),
            joinList(c.control_methods),
            joinList(c.exploitation_types),
            joinList(c.industries),
            joinList(c.countries_origin),
            joinList(c.countries_transit),
            joinList(c.countries_exploitation),
            c.birth_year,
            c.age_when_trafficked};
  }

  [[nodiscard]] domain::ClientCoded toCoded() const {
    using detail::splitList;
    domain::ClientCoded c;
    c.gender = gender;
    c.birth_year = birth_year;
    c.age_band = age_band;
    c.citizenships = splitList(citizenships);
    c.primary_language = primary_language;
    c.education = education;
    c.trafficking_status = trafficking_status;
    c.status_decided_by = status_decided_by;
    c.relationship_to_trafficker = relationship_to_trafficker;
    c.age_when_trafficked = age_when_trafficked;
    c.recruitment_methods = splitList(recruitment_methods);
    c.control_methods = splitList(control_methods);
    c.exploitation_types = splitList(exploitation_types);
    c.industries = splitList(industries);
    c.countries_origin = splitList(countries_origin);
    c.countries_transit = splitList(countries_transit);
    c.countries_exploitation = splitList(countries_exploitation);
    return c;
  }

  template <class Exchange>
  void bind(Exchange&& exchange) {
    exchange(gender), exchange(birth_year), exchange(age_band), exchange(citizenships),
        exchange(primary_language), exchange(education), exchange(trafficking_status),
        exchange(status_decided_by), exchange(relationship_to_trafficker),
        exchange(age_when_trafficked), exchange(recruitment_methods), exchange(control_methods),
        exchange(exploitation_types), exchange(industries), exchange(countries_origin),
        exchange(countries_transit), exchange(countries_exploitation);
  }
};

inline constexpr const char* kCodedList =
    "gender, birth_year, age_band, citizenships, primary_language, education, "
    "trafficking_status, status_decided_by, relationship_to_trafficker, age_when_trafficked, "
    "recruitment_methods, control_methods, exploitation_types, industries, countries_origin, "
    "countries_transit, countries_exploitation";

}  // namespace strada::store::detail
