# lit configuration for dumpcheck's tests.
import os
import lit.formats

config.name = "dumpcheck"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".c", ".cpp", ".test"]
config.excludes = ["Inputs", "inputs", "reference-driver-src"]
config.test_source_root = os.path.dirname(__file__)

build_dir = lit_config.params.get("build_dir") or os.environ.get("DUMPCHECK_BUILD_DIR")
if not build_dir:
    lit_config.fatal("pass --param build_dir=<cmake build folder>")
build_dir = os.path.abspath(build_dir)
config.test_exec_root = os.path.join(build_dir, "lit-out")

src_root = os.path.dirname(config.test_source_root)
llvm_bin = None
for v in ("21", "20", "19", "18", "17", "16", "15", "14"):
    cand = "/usr/lib/llvm-%s/bin" % v
    if os.path.exists(os.path.join(cand, "FileCheck")):
        llvm_bin = cand
        break
if llvm_bin is None:
    lit_config.fatal("FileCheck not found: install llvm-19-tools")

# FileCheck, not, count, split-file live only in the LLVM bin folder.
config.environment["PATH"] = os.pathsep.join([llvm_bin, os.path.join(build_dir), config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "CI"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
config.environment["NO_COLOR"] = "1"
# Leaks inside libclang that dumpcheck cannot free (see lsan.supp).
_supp = "suppressions=" + os.path.join(os.path.dirname(__file__), "lsan.supp")
config.environment["LSAN_OPTIONS"] = ":".join(filter(None, [config.environment.get("LSAN_OPTIONS", ""), _supp]))
# Tests never write into the user's cache folder.
config.environment["XDG_CACHE_HOME"] = os.path.join(build_dir, "lit-cache")

dumpcheck = os.path.join(build_dir, "dumpcheck")
config.substitutions.append(("%dumpcheck", dumpcheck))
config.substitutions.append(("%refdrv", os.path.join(src_root, "testdata", "reference-driver")))
config.substitutions.append(("%testdata", os.path.join(src_root, "testdata")))
config.substitutions.append(("%rules", os.path.join(src_root, "rules")))
config.substitutions.append(("%srcroot", src_root))
config.substitutions.append(("%clang", os.path.join(llvm_bin, "clang")))
config.substitutions.append(("%mingw", "/usr/share/mingw-w64/include"))
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%build", build_dir))
# `%expect-exit 1 %dumpcheck ...`: the exact exit status (lit's `not` accepts any failure).
config.substitutions.append(("%expect-exit", "/usr/bin/python3 " + os.path.join(src_root, "testdata", "expect_exit.py")))

if os.path.exists(os.path.join(build_dir, "sanitize.flag")):
    config.available_features.add("sanitize")
