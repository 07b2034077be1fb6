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

namespace {

/// 2 instances every hour of the week, 5 on weekdays 09:00-17:00: 456 instance-hours a week.
std::string office_schedule() {
    std::string list;
    for (int h = 0; h < 168; ++h) {
        const bool office = h / 24 < 5 && h % 24 >= 9 && h % 24 < 17;
        if (h) list.push_back(',');
        list.push_back(office ? '5' : '2');
    }
    return list;
}

}  // namespace

TEST_CASE("vm --scaling schedule --schedule-instances: the given week, its series with --series only") {
    // 456 instance-hours a week x 730 / 168 = 1,981.428571... a month x $0.0416 (t3.medium).
    const auto j = test::run_json(vm_with({"--scaling", "schedule", "--schedule-instances", office_schedule()}));
    CHECK(j["line_items"][0]["quantity"].get<double>() == doctest::Approx(456.0 * 730.0 / 168.0).epsilon(1e-12));
    CHECK(j["line_items"][0]["cost"].get<double>() == doctest::Approx(456.0 * 730.0 / 168.0 * 0.0416).epsilon(1e-12));
    CHECK_FALSE(j.contains("series"));  // only when asked
    const auto with =
        test::run_json(vm_with({"--scaling", "schedule", "--schedule-instances", office_schedule(), "--series"}));
    REQUIRE(with["series"].size() == 1);
    CHECK(with["series"][0]["name"] == "instances");
    CHECK(with["series"][0]["interval_s"] == 3600);
    CHECK(with["series"][0]["values"].size() == 168);
    CHECK(with["series"][0]["values"][9] == 5);
    CHECK(with["series"][0]["values"][0] == 2);
    // CSV: the line items, an empty line, then the series table.
    const auto csv = run_cli(
        vm_with({"--scaling", "schedule", "--schedule-instances", office_schedule(), "--series", "--format", "csv"}));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out.find("\r\n\r\noffering_id,series,unit,aggregation,start_s,value\r\n") != std::string::npos);
    CHECK(csv.out.find("vm-aws-us-east-1-t3.medium,instances,instance,max,32400,5\r\n") != std::string::npos);
}

TEST_CASE("vm --scaling autoscale under a scenario's traffic profile: the ideal and the delayed fleet") {
    // The issue's example: 10, 50, 200, 20 rps hours; 1,277.5 instance-hours ideal, 1,414.375 with
    // the default delays (Design/pricing-model.md#fleets-under-a-traffic-profile).
    const std::string scenario =
        R"({"workload":{"duration_ms":50,"traffic":{"interval_s":3600,"requests":[36000,180000,720000,72000]}}})";
    const auto ideal = test::run_json(
        {"vm", "--scenario", "-", "--instance", "t3.medium", "--capacity-rps", "100", "--target-utilization", "0.5",
         "--scaling", "autoscale", "--scale-out-delay-s", "0", "--scale-in-delay-s", "0"},
        scenario);
    CHECK(ideal["line_items"][0]["quantity"].get<double>() == doctest::Approx(1277.5).epsilon(1e-12));
    const auto delayed = test::run_json({"vm", "--scenario", "-", "--instance", "t3.medium", "--capacity-rps", "100",
                                         "--target-utilization", "0.5", "--scaling", "autoscale"},
                                        scenario);
    CHECK(delayed["line_items"][0]["quantity"].get<double>() == doctest::Approx(1414.375).epsilon(1e-12));
    CHECK(delayed["conventions"]["intervals_at_risk"] == 1);
}
