// A fleet's "scaling" group on the command line: --scaling, --max-instances, the delays and
// --schedule-instances (a comma list), each error one line naming its flag, exit 2.
#include "run_cli.hpp"

#include <string>
#include <vector>

using test::run_cli;

namespace {

void check_usage_error(const std::vector<std::string>& args, const std::string& names) {
    const auto r = run_cli(args);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(test::one_line(r.err));
    CHECK(r.err.find(names) != std::string::npos);
}

std::vector<std::string> vm_with(std::initializer_list<std::string> extra) {
    std::vector<std::string> args = {"vm", "--instance", "t3.medium", "--capacity-rps", "100"};
    args.insert(args.end(), extra);
    return args;
}

}  // namespace

TEST_CASE("vm --help lists the scaling flags with their bounds and defaults") {
    const auto r = run_cli({"vm", "--help"});
    REQUIRE(r.exit_code == 0);
    for (const char* flag :
         {"--scaling", "--max-instances", "--scale-out-delay-s", "--scale-in-delay-s", "--schedule-instances"})
        CHECK(r.out.find(flag) != std::string::npos);
    CHECK(r.out.find("static|schedule|autoscale") != std::string::npos);
    CHECK(r.out.find("168 integers 0..10000") != std::string::npos);
}

TEST_CASE("vm scaling flags: bad values are usage errors naming the flag") {
    check_usage_error(vm_with({"--scaling", "elastic"}), "--scaling");
    check_usage_error(vm_with({"--scaling", "autoscale", "--min-instances", "3", "--max-instances", "2"}),
                      "--max-instances");
    check_usage_error(vm_with({"--scaling", "autoscale", "--scale-out-delay-s", "3601"}), "--scale-out-delay-s");
    check_usage_error(vm_with({"--scaling", "autoscale", "--scale-in-delay-s", "-1"}), "--scale-in-delay-s");
    check_usage_error(vm_with({"--scaling", "schedule", "--schedule-instances", "1,2,3"}), "--schedule-instances");
    check_usage_error(vm_with({"--scaling", "schedule", "--schedule-instances", "1,x"}), "--schedule-instances");
    check_usage_error(vm_with({"--count", "2", "--scaling", "autoscale"}), "--scaling");
}
