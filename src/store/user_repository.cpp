#include "store/user_repository.h"

#include <soci/soci.h>

#include <algorithm>
#include <tuple>

#include "store/guarded.h"

namespace strada::store {

using detail::guarded;
using detail::guardedWrite;

namespace {

std::string rolesToText(const std::vector<domain::Role>& roles) {
  std::vector<std::string> names;
  names.reserve(roles.size());
  for (const domain::Role role : roles) {
    names.emplace_back(domain::roleName(role));
  }
  return detail::joinList(names);
}

struct UserRow {
  std::string id, org_id, email, name, roles, password_hash, agency_id;
  int active = 0;
  int must_change_password = 0;
  long long created_at = 0;

  UserRecord toRecord() const {
    UserRecord r;
    r.user.id = id;
    r.user.org_id = org_id;
    r.user.email = email;
    r.user.name = name;
    r.user.roles = detail::rolesFromText(roles);
    r.user.active = active != 0;
    r.user.created_at = created_at;
    r.user.agency_id = agency_id;
    r.user.must_change_password = must_change_password != 0;
    r.password_hash = password_hash;
    return r;
  }
};

domain::Result<std::optional<UserRecord>> findUserWhere(soci::session& sql, const char* column,
                                                        const std::string& value) {
  return guarded("find user", [&]() -> domain::Result<std::optional<UserRecord>> {
    UserRow r;
    const std::string query = std::string(
                                  "SELECT id, org_id, email, name, roles, password_hash, "
                                  "active, created_at, agency_id, must_change_password FROM users "
                                  "WHERE ") +
                              column + " = :value";
    sql << query, soci::into(r.id), soci::into(r.org_id), soci::into(r.email), soci::into(r.name),
        soci::into(r.roles), soci::into(r.password_hash), soci::into(r.active),
        soci::into(r.created_at), soci::into(r.agency_id), soci::into(r.must_change_password),
        soci::use(value);
    if (!sql.got_data()) {
      return std::nullopt;
    }
    return r.toRecord();
  });
}

}  // namespace

domain::Status insertUser(WriteContext& w, const UserRecord& record) {
  const domain::User& u = record.user;
  return guardedWrite(
      "insert user", "users",
      {{"email", "A user with this e-mail address already exists.", "email"},
       {"", "A user with this id already exists.", "id"}},
      [&]() -> domain::Status {
        const std::string roles = rolesToText(u.roles);
        const int active = u.active ? 1 : 0;
        const long long created_at = u.created_at;
        w.sql() << "INSERT INTO users (id, org_id, email, name, roles, password_hash, active, "
                   "created_at, agency_id) VALUES (:id, :org_id, :email, :name, :roles, "
                   ":password_hash, :active, :created_at, :agency_id)",
            soci::use(u.id), soci::use(u.org_id), soci::use(u.email), soci::use(u.name),
            soci::use(roles), soci::use(record.password_hash), soci::use(active),
            soci::use(created_at), soci::use(u.agency_id);
        return {};
      });
}

domain::Result<std::optional<UserRecord>> findUserByEmail(soci::session& sql,
                                                          const std::string& email) {
  return findUserWhere(sql, "email", email);
}

domain::Result<std::optional<UserRecord>> findUserRecordById(soci::session& sql,
                                                             const std::string& id) {
  return findUserWhere(sql, "id", id);
}

domain::Result<std::optional<domain::User>> findUserById(soci::session& sql,
                                                         const std::string& id) {
  auto found = findUserWhere(sql, "id", id);
  if (!found) {
    return tl::unexpected(found.error());
  }
  if (!*found) {
    return std::nullopt;
  }
  return (*found)->user;
}

domain::Result<std::vector<UserListing>> listOrganisationUsers(soci::session& sql,
                                                               const std::string& org_id) {
  return guarded("list organisation users", [&]() -> domain::Result<std::vector<UserListing>> {
    // Only the columns a listing shows are read: the e-mail address and the password hash never
    // leave the database for it.
    std::string id, name, roles;
    int active = 0;
    soci::statement st =
        (sql.prepare << "SELECT id, name, roles, active FROM users WHERE org_id = :org_id",
         soci::into(id), soci::into(name), soci::into(roles), soci::into(active),
         soci::use(org_id));
    st.execute();
    std::vector<UserListing> out = detail::collectRows(st, [&] {
      return UserListing{id, name, detail::rolesFromText(roles), active != 0};
    });
    // Sorted here rather than in SQL: the backends' collations order names differently.
    std::sort(out.begin(), out.end(), [](const UserListing& a, const UserListing& b) {
      return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
    return out;
  });
}

namespace detail {

std::vector<domain::Role> rolesFromText(const std::string& text) {
  std::vector<domain::Role> roles;
  for (const std::string& name : detail::splitList(text)) {
    if (auto role = domain::parseRole(name)) {
      roles.push_back(*role);
    }
  }
  return roles;
}

}  // namespace detail

}  // namespace strada::store
