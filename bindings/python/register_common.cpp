#include "register_common.hpp"

namespace participa::python {

using namespace pybind11::literals;
namespace {

bool undocumented(const py::handle& attribute) {
  py::object doc = attribute.attr("__doc__");
  return doc.is_none() || py::str(doc).cast<std::string>().empty();
}

}  // namespace

void document_attributes(const py::module_& m,
                         std::initializer_list<std::pair<const char*, const char*>> docs) {
  auto is_property = [](const py::handle& value) {
    return PyObject_TypeCheck(value.ptr(), &PyProperty_Type) != 0;
  };
  for (const auto& [key, doc] : docs) {
    std::string_view name = key;
    if (std::size_t dot = name.find('.'); dot != std::string_view::npos) {
      std::string class_name(name.substr(0, dot)), attribute(name.substr(dot + 1));
      py::object cls = py::getattr(m, class_name.c_str(), py::none());
      if (cls.is_none() || !cls.attr("__dict__").contains(attribute) ||
          !is_property(cls.attr("__dict__")[attribute.c_str()])) {
        throw std::logic_error(
            str_cat(py::str(m.attr("__name__")).cast<std::string>(), ": no ", key, " to document"));
      }
      cls.attr("__dict__")[attribute.c_str()].attr("__doc__") = doc;
    }
  }
  for (const auto& [key, doc] : docs) {
    std::string_view name = key;
    if (name.find('.') != std::string_view::npos) continue;
    bool documented_one = false;
    for (const auto& [_, value] : m.attr("__dict__").cast<py::dict>()) {
      if (!py::isinstance<py::type>(value)) continue;
      py::object attributes = value.attr("__dict__");
      if (!attributes.contains(key)) continue;
      py::object attribute = attributes[key];
      if (!is_property(attribute) || !undocumented(attribute)) continue;
      attribute.attr("__doc__") = doc;
      documented_one = true;
    }
    if (!documented_one) {
      throw std::logic_error(str_cat(py::str(m.attr("__name__")).cast<std::string>(), ": no ", key,
                                     " left to document"));
    }
  }
}

std::string fspath(const py::object& path) {
  return py::str(py::module_::import("os").attr("fspath")(path)).cast<std::string>();
}

PythonRun::PythonRun(std::string what, const py::object& progress)
    : what_(std::move(what)), start_(std::chrono::steady_clock::now()) {
  if (progress.is_none()) {
    try {
      if (py::module_::import("sys").attr("stderr").attr("isatty")().cast<bool>()) {
        tqdm_ = py::module_::import("tqdm").attr("tqdm");
      }
    } catch (const py::error_already_set&) {
      // No tqdm, or a stderr without isatty: the run goes without a bar, as asked.
    }
  } else if (progress.cast<bool>()) {
    try {
      tqdm_ = py::module_::import("tqdm").attr("tqdm");
    } catch (const py::error_already_set&) {
      throw py::import_error("progress=True needs tqdm (Debian: python3-tqdm)");
    }
  }
  control_ = RunControl{.progress = [this](std::uint64_t done) { return step(done); },
                        .interval = std::chrono::milliseconds(50)};
}

PythonRun::~PythonRun() {
  if (!bar_) return;
  try {
    bar_.attr("close")();
  } catch (const py::error_already_set&) {
    // A bar that cannot close leaves a line on stderr; the run's own outcome stands.
  }
}

bool PythonRun::step(std::uint64_t done) {
  py::gil_scoped_acquire acquire;
  if (PyErr_CheckSignals() != 0) return false;
  if (!tqdm_ || std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return true;
  try {
    if (!bar_) bar_ = tqdm_("desc"_a = what_, "unit"_a = " steps", "leave"_a = false);
    bar_.attr("update")(done - shown_);
    shown_ = done;
  } catch (py::error_already_set& e) {
    e.restore();
    return false;
  }
  return true;
}

}  // namespace participa::python
