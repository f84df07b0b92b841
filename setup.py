"""Builds participa._core with CMake for `pip install --no-build-isolation .`.

Only Debian's setuptools and CMake are needed (no scikit-build). The extension is built in
Release with the library, without tests, benchmarks or the command; set PARTICIPA_BUILD_JOBS
to change the parallelism (default: the machine's cores).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    """The version written once, in CMakeLists.txt's project() call."""
    text = (ROOT / "CMakeLists.txt").read_text()
    match = re.search(r"project\(participa VERSION (\d+\.\d+\.\d+)", text)
    if match is None:
        raise RuntimeError("CMakeLists.txt: no `project(participa VERSION x.y.z`")
    return match.group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        target = Path(self.get_ext_fullpath(ext.name)).resolve()
        # build/wheel sits at the depth of the presets' build folders, so that ccache (with
        # CCACHE_BASEDIR at the checkout, as scripts/dev sets it) reuses a release build's
        # objects; a read-only checkout builds in setuptools' temporary folder instead.
        build_dir = ROOT / "build" / "wheel"
        if not os.access(ROOT, os.W_OK):
            build_dir = Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython_EXECUTABLE={sys.executable}", "-DPARTICIPA_BUILD_PYTHON=ON",
            "-DPARTICIPA_BUILD_TESTS=OFF", "-DPARTICIPA_BUILD_BENCHMARKS=OFF",
            "-DPARTICIPA_BUILD_CLI=OFF", "-DPARTICIPA_INSTALL=OFF",
        ]
        if shutil.which("ninja"):
            configure += ["-G", "Ninja"]
        if shutil.which("ccache"):
            configure.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
        jobs = os.environ.get("PARTICIPA_BUILD_JOBS", str(os.cpu_count() or 1))
        subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "_core", "-j", jobs],
                       check=True)
        built = next((build_dir / "python" / "participa").glob("_core*.so"))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)


setup(version=project_version(), ext_modules=[CMakeExtension("participa._core")],
      cmdclass={"build_ext": CMakeBuild})
