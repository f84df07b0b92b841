// Bindings of participa's core: the seeded generator and SHA-256 digests.
#include <pybind11/operators.h>
#include <pybind11/stl.h>

#include "casters.hpp"
#include "participa/core/rng.hpp"
#include "register.hpp"
#include "register_common.hpp"
#include "status.hpp"

namespace participa::python {

namespace py = pybind11;
using namespace pybind11::literals;

void register_core(py::module_& m) {
  py::class_<Rng>(m, "Rng", R"doc(
ChaCha20 generator whose output is specified bit for bit: the same seed and stream give the
same numbers on every platform (random tie-breaks use it).
)doc")
      .def(py::init<std::uint64_t, std::uint64_t>(), "seed"_a, "stream"_a = 0)
      .def("next_u32", &Rng::next_u32, "The next 32 bits of the keystream, as specified.")
      .def("next_u64", &Rng::next_u64, "Two next_u32 draws, low word first, as one 64-bit number.")
      .def(
          "uniform",
          [](Rng& rng, std::uint32_t bound) {
            if (bound == 0) throw py::value_error("uniform(bound) needs a positive bound");
            return rng.uniform(bound);
          },
          "bound"_a, "A number in [0, bound), without modulo bias.")
      .def(py::self == py::self)
      .def("__copy__", [](const Rng& r) { return Rng(r); })
      .def(
          "__deepcopy__", [](const Rng& r, py::dict) { return Rng(r); }, "memo"_a);
  m.def(
      "sha256",
      [](const py::bytes& data) {
        std::string_view view = data;
        return Sha256::of(view);
      },
      "data"_a, "SHA-256 of bytes, in hex.");
  def_not_picklable(m.attr("Rng"), "keep its seed and stream, or copy it with copy.copy");
}

}  // namespace participa::python
