#include "store/statements.h"

namespace strada::store::detail {

void prepareAndExecute(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(false);
}

void prepareAndRun(soci::statement& st, const std::string& query) {
  st.alloc();
  st.prepare(query, soci::details::st_one_time_query);
  st.define_and_bind();
  st.execute(true);
}

}  // namespace strada::store::detail
