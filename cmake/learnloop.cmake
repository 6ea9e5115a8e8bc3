include(GoogleTest)

# learnloop_module(NAME SOURCES ... DEPS ...): one static library per module
# folder, with include/ as its public include path and src/ for internals.
function(learnloop_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(learnloop_${name} STATIC ${ARG_SOURCES})
  target_include_directories(learnloop_${name}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(learnloop_${name} PUBLIC ${ARG_DEPS})
endfunction()

# learnloop_test(NAME SOURCES ... DEPS ...): a GoogleTest binary registered
# with ctest; tests run from the build tree with LEARNLOOP_SOURCE_DIR set so
# they can find tests/testdata and ../shared/corpora.
function(learnloop_test name)
  cmake_parse_arguments(ARG "" "LABELS" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE LEARNLOOP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  # One ctest entry per test case, listed when ctest runs (not at build time).
  gtest_discover_tests(${name}
    DISCOVERY_MODE PRE_TEST
    PROPERTIES ENVIRONMENT "LEARNLOOP_SOURCE_DIR=${PROJECT_SOURCE_DIR}" LABELS "${ARG_LABELS}")
endfunction()
