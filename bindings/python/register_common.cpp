#include "register_common.hpp"

#include "absl/container/flat_hash_map.h"

namespace participa::python {
namespace {

// Guarded by the GIL: views are made and dropped only while it is held.
absl::flat_hash_map<const void*, int>& live_views() {
  static auto* views = new absl::flat_hash_map<const void*, int>();
  return *views;
}

PyObject* state_error_type() {
  static PyObject* type =
      py::object(py::module_::import("participa._core").attr("StateError")).release().ptr();
  return type;
}

}  // namespace

void add_view(const void* owner) { ++live_views()[owner]; }

void drop_view(const void* owner) {
  auto it = live_views().find(owner);
  if (it != live_views().end() && --it->second == 0) live_views().erase(it);
}

bool views_alive(const void* owner) { return live_views().contains(owner); }

void refuse_if_viewed(const void* owner, const char* what) {
  if (!views_alive(owner)) return;
  PyErr_SetString(state_error_type(),
                  str_cat("cannot ", what,
                          " a profile while numpy views of its arrays are alive or it is being "
                          "counted; copy the views with numpy.array(view) and drop them first")
                      .c_str());
  throw py::error_already_set();
}

}  // namespace participa::python
