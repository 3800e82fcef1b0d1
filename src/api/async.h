// The api's names for awaiting the store (store/async.h) and CPU-heavy work.
#pragma once

#include "store/async.h"

namespace strada::api {

using store::awaitOnPool;
using store::awaitRead;
using store::awaitWrite;

}  // namespace strada::api
