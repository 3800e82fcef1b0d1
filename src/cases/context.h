// The use cases of direct assistance work with the same Context and Actor as the hotline's (see
// hotline/context.h): the store, the vault and the clock, and who acts.
#pragma once

#include "hotline/context.h"

namespace strada::cases {

using hotline::Actor;
using hotline::Context;
using hotline::runToCompletion;

}  // namespace strada::cases
