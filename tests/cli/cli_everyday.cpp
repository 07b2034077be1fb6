// Everyday use of the CLI: several Lambda variants and fleets with their own counts in one
// command, labels in tables, data out as a monthly total, Cloud Run vCPU and concurrency, the
// 100-column tables and the shared option groups in --help.
#include "run_cli.hpp"

#include <costsim/catalog.hpp>
#include <costsim/compare.hpp>
#include <costsim/cost_model.hpp>
#include <costsim/json.hpp>

#include <sstream>

using test::run_cli;
using test::run_json;

namespace {

costsim::Comparison library_compare(const costsim::Workload& w, const std::vector<costsim::Offering>& offerings) {
    return costsim::compare(w, offerings, costsim::Catalog::builtin(), {}, {});
}

void check_totals_equal(const nlohmann::json& j, const costsim::Comparison& c) {
    REQUIRE(j["results"].size() == c.results.size());
    for (std::size_t i = 0; i < c.results.size(); ++i) {
        CHECK(j["results"][i]["id"] == std::string(c.results[i].bill.offering_id));
        CHECK(j["results"][i]["total"].get<double>() == c.results[i].bill.total);
    }
    CHECK(j["cheapest"] == c.cheapest_id);
}

costsim::LambdaConfig lambda(costsim::Architecture arch, int memory_mb) {
    costsim::LambdaConfig c;
    c.arch = arch;
    c.memory_mb = memory_mb;
    return c;
}

costsim::VmFleetConfig fleet(const std::string& instance, int count) {
    costsim::VmFleetConfig c;
    c.instance = instance;
    c.count = count;
    return c;
}

std::size_t widest_line(const std::string& text) {
    std::istringstream in(text);
    std::size_t widest = 0;
    for (std::string line; std::getline(in, line);) {
        std::size_t width = 0;
        for (unsigned char c : line) width += (c & 0xC0) != 0x80;  // code points
        widest = std::max(widest, width);
    }
    return widest;
}

/// Exit 2, one line on stderr naming `needle`, nothing on stdout.
void check_usage_error(const std::vector<std::string>& args, const std::string& needle) {
    const auto r = run_cli(args);
    INFO(args.back() << " -> " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(test::one_line(r.err));
    CHECK(r.out.empty());
    CHECK(r.err.find(needle) != std::string::npos);
}

const costsim::Workload kFiveRps{.requests_per_month = costsim::Workload::monthly_from_per_second(5),
                                 .duration_ms = 200};

}  // namespace

TEST_CASE("--lambda ARCH:MB, repeated: x86_64 and arm64 at two memory sizes in one command") {
    const auto j = run_json({"compare", "--requests-per-second", "5", "--duration-ms", "200", "--lambda", "x86_64:512",
                             "--lambda", "arm64:512", "--lambda", "arm64:1024", "--lambda", "2048"});
    using costsim::Architecture;
    check_totals_equal(j, library_compare(kFiveRps, {{"", lambda(Architecture::x86_64, 512)},
                                                     {"", lambda(Architecture::arm64, 512)},
                                                     {"", lambda(Architecture::arm64, 1024)},
                                                     {"", lambda(Architecture::x86_64, 2048)}}));
    // The other Lambda flags apply to each; --arch and --memory-mb fill what a spec leaves out.
    const auto k =
        run_json({"compare", "--requests-per-second", "5", "--duration-ms", "200", "--arch", "arm64", "--memory-mb",
                  "256", "--front-door", "http-api", "--lambda", "1024", "--lambda", "x86_64"});
    costsim::LambdaConfig a = lambda(Architecture::arm64, 1024), b = lambda(Architecture::x86_64, 256);
    a.front_door = b.front_door = costsim::FrontDoor::http_api;
    check_totals_equal(k, library_compare(kFiveRps, {{"", a}, {"", b}}));
}

TEST_CASE("--vm TYPE:N gives each fleet its own count; the others keep --count or --capacity-rps") {
    const auto j = run_json({"compare", "--requests-per-second", "5", "--duration-ms", "200", "--vm", "t4g.small:2",
                             "--vm", "t3.medium:1", "--vm", "t3.small", "--capacity-rps", "2"});
    costsim::VmFleetConfig sized;
    sized.instance = "t3.small";
    sized.capacity_rps = 2;
    check_totals_equal(
        j, library_compare(
               kFiveRps,
               {{"", costsim::LambdaConfig{}}, {"", fleet("t4g.small", 2)}, {"", fleet("t3.medium", 1)}, {"", sized}}));
    // One type with two counts: both fleets, the count in their ids.
    const auto two = run_json({"compare", "--requests-per-second", "5", "--vm", "t3.micro:1", "--vm", "t3.micro:3"});
    REQUIRE(two["results"].size() == 3);
    CHECK(two["results"][1]["id"] == "vm-aws-us-east-1-t3.micro-x1");
    CHECK(two["results"][2]["id"] == "vm-aws-us-east-1-t3.micro-x3");
    // 3 x 730 h x ($0.0104 t3.micro on-demand + $0.005 its public IPv4, us-east-1) = $33.726.
    CHECK(two["results"][2]["total"].get<double>() == doctest::Approx(3 * 730 * (0.0104 + 0.005)));
}

TEST_CASE("bad --lambda and --vm spellings are usage errors naming the flag") {
    const std::vector<std::string> base = {"compare", "--requests-per-second", "5"};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return args;
    };
    check_usage_error(with({"--lambda", "arm65"}), "--lambda");
    check_usage_error(with({"--lambda", "arm64:1024:2048"}), "--lambda");
    check_usage_error(with({"--lambda", "arm64:"}), "--lambda");
    check_usage_error(with({"--lambda", "64"}), "--lambda: offerings[0].memory_mb must be an integer in [128, 10240]");
    check_usage_error(with({"--lambda", "arm64", "--lambda", "arm64:128"}), "--lambda arm64:128 is the same Lambda");
    check_usage_error(with({"--vm", "t3.micro:x"}), "--vm must be TYPE or TYPE:COUNT");
    check_usage_error(with({"--vm", ":2"}), "--vm must be TYPE or TYPE:COUNT");
    check_usage_error(with({"--vm", "t3.micro:0"}), "--vm: offerings[1].count must be an integer in [1, 10000]");
    check_usage_error(with({"--vm", "t3.micro:20000"}), "--vm: offerings[1].count");
    check_usage_error(with({"--vm", "t3.micro:2", "--vm", "t3.micro:2"}), "--vm t3.micro is given twice");
    check_usage_error(with({"--vm", "t3.micro", "--vm", "t3.micro:2"}), "--vm t3.micro is given twice");
}

TEST_CASE("tables name offerings by label: what each one is, or the scenario's label") {
    const auto r = run_cli({"compare", "--requests-per-second", "5", "--lambda", "arm64:1024", "--lambda", "x86_64:512",
                            "--vm", "t4g.small:2", "--vm", "c7g.large", "--capacity-rps", "100", "--cloud-run",
                            "--cloud-run-concurrency", "80", "--azure-functions", "--wide"});
    REQUIRE(r.exit_code == 0);
    for (const char* label :
         {"Lambda arm64 1024 MB (us-east-1): $", "; Lambda x86_64 512 MB (us-east-1): $",
          "; t4g.small x2 (us-east-1): $", "; c7g.large fleet (us-east-1): $",
          "; Cloud Run 512 MB, concurrency 80 (us-central1): $", "; Azure Functions 128 MB (eastus): $"})
        CHECK_MESSAGE(r.out.find(label) != std::string::npos, std::string(label));
    const auto gcp = run_cli({"vm", "--provider", "gcp", "--instance", "e2-micro", "--count", "1"});
    CHECK(gcp.out.find("\nGCP e2-micro x1 (us-central1): $") != std::string::npos);

    // From JSON: a label names the offering; without one, what it is (not its id).
    const std::string scenario = R"({"workload": {"requests_per_month": 3000000, "duration_ms": 1000},
        "offerings": [{"kind": "lambda", "id": "api", "memory_mb": 512, "label": "Checkout API on Lambda"},
                      {"kind": "vm", "id": "fleet", "instance": "t3.micro", "count": 2}]})";
    const auto s = run_cli({"compare", "--scenario", "-", "--wide"}, scenario);
    REQUIRE(s.exit_code == 0);
    const std::string last = s.out.substr(s.out.rfind('\n', s.out.size() - 2) + 1);
    CHECK(last.rfind("Checkout API on Lambda (us-east-1): $", 0) == 0);
    CHECK(last.find("; t3.micro x2 (us-east-1): $") != std::string::npos);
    CHECK(s.out.find("  Checkout API on Lambda  api ") != std::string::npos);  // the Id column keeps the id
    // A label is bounded like an id.
    const auto long_label = run_cli({"compare", "--scenario", "-"},
                                    R"({"workload": {"requests_per_month": 1, "duration_ms": 1},
                                        "offerings": [{"kind": "lambda", "label": ")" +
                                        std::string(65, 'x') + R"("}]})");
    CHECK(long_label.exit_code == 2);
    CHECK(long_label.err.find("offerings[0].label must be at most 64 characters") != std::string::npos);
}

TEST_CASE("--data-out-gb-per-month: a fixed monthly volume of data out, priced on the data-out tiers") {
    // Lambda 128 MB, 1,000,000 requests of 100 ms: requests and GB-seconds inside the free tier.
    // 500 GB out: 100 GB free, 400 GB x $0.09 (us-east-1, first 10 TB) = $36.00.
    const auto j = run_json({"lambda", "--requests-per-month", "1000000", "--data-out-gb-per-month", "500"});
    CHECK(j["total"].get<double>() == doctest::Approx(400 * 0.09));
    double gb = 0;
    for (const auto& item : j["line_items"])
        if (item["name"].get<std::string>().rfind("Data transfer out to the internet", 0) == 0)
            gb += item["quantity"].get<double>();
    CHECK(gb == doctest::Approx(500));
    // On top of the responses: 1,000,000 x 100 KiB x 1,024 / 2^30 = 95.367 GB, + 500 GB.
    const auto both = run_json(
        {"lambda", "--requests-per-month", "1000000", "--response-kb", "100", "--data-out-gb-per-month", "500"});
    gb = 0;
    for (const auto& item : both["line_items"])
        if (item["name"].get<std::string>().rfind("Data transfer out to the internet", 0) == 0)
            gb += item["quantity"].get<double>();
    CHECK(gb == doctest::Approx(1e6 * 100 * 1024 / 1073741824.0 + 500));
    // The same in a scenario file, and its bounds.
    const auto scenario = run_json({"lambda", "--scenario", "-"},
                                   R"({"workload": {"requests_per_month": 1000000, "duration_ms": 100,
                                                    "data_out_gb_per_month": 500}})");
    CHECK(scenario["total"] == j["total"]);
    check_usage_error({"lambda", "--requests-per-month", "1", "--data-out-gb-per-month", "-1"},
                      "--data-out-gb-per-month: workload.data_out_gb_per_month must be");
    check_usage_error({"lambda", "--requests-per-month", "1", "--data-out-gb-per-month", "2e9"},
                      "--data-out-gb-per-month: workload.data_out_gb_per_month must be");
}

TEST_CASE("--cloud-run-vcpu and --cloud-run-concurrency set the Cloud Run offering") {
    const auto j = run_json({"compare", "--requests-per-second", "10", "--duration-ms", "100", "--memory-mb", "512",
                             "--cloud-run", "--cloud-run-vcpu", "2", "--cloud-run-concurrency", "80"});
    const costsim::Workload w{.requests_per_month = costsim::Workload::monthly_from_per_second(10), .duration_ms = 100};
    costsim::LambdaConfig l;
    l.memory_mb = 512;
    costsim::CloudRunConfig run;
    run.memory_mb = 512;
    run.vcpu = 2;
    run.concurrency = 80;
    check_totals_equal(j, library_compare(w, {{"", l}, {"", run}}));
    // Concurrency turns the answer around: one request per instance, Lambda is cheaper; 80, Cloud Run.
    auto cheapest_with = [](const char* concurrency) {
        return run_json({"compare", "--requests-per-second", "10", "--duration-ms", "100", "--memory-mb", "512",
                         "--cloud-run", "--cloud-run-vcpu", "1", "--cloud-run-concurrency", concurrency})["cheapest"];
    };
    CHECK(cheapest_with("1") == "lambda-us-east-1-x86_64-512mb");
    CHECK(cheapest_with("80") == "cloud_run-us-central1-512mb");

    check_usage_error({"compare", "--requests-per-second", "1", "--cloud-run-concurrency", "80"}, "add --cloud-run");
    check_usage_error({"compare", "--requests-per-second", "1", "--cloud-run", "--cloud-run-concurrency", "0"},
                      "--cloud-run-concurrency: offerings[1].concurrency");
    check_usage_error({"compare", "--requests-per-second", "1", "--cloud-run", "--cloud-run-vcpu", "9"},
                      "--cloud-run-vcpu: offerings[1].vcpu");
    check_usage_error({"compare", "--requests-per-second", "1", "--cloud-run", "--cloud-run-concurrency", "8.5"},
                      "--cloud-run-concurrency must be a whole number");
    check_usage_error({"compare", "--requests-per-second", "1", "--concurrency", "80"}, "--cloud-run-concurrency?");
}

TEST_CASE("default tables stay within 100 columns; --wide keeps one line per row") {
    const std::vector<std::vector<std::string>> commands = {
        {"lambda", "--requests-per-month", "3000000", "--duration-ms", "1000", "--memory-mb", "512"},
        {"vm", "--instance", "m7g.large", "--requests-per-second", "400", "--capacity-rps", "150", "--peak-to-mean",
         "3", "--purchase", "1yr", "--load-balancer", "--storage-gb", "20"},
        {"compare", "--requests-per-second", "20", "--duration-ms", "80", "--lambda", "arm64:1024", "--lambda",
         "x86_64:512", "--vm", "t4g.small:2", "--vm", "t3.medium:1", "--cloud-run", "--azure-functions", "--front-door",
         "rest-api"},
        {"break-even", "--duration-ms", "120", "--memory-mb", "1024", "--vm", "m7g.large", "--capacity-rps", "150"},
        {"sweep", "--duration-ms", "200", "--vm", "t3.micro:1", "--vm", "t3.small:2", "--cloud-run", "--points", "5"},
        {"catalog", "show", "aws.ec2.us-east-1.t3.micro"},
    };
    for (const auto& args : commands) {
        const auto r = run_cli(args);
        INFO(args.front() << " " << args[1] << "\n" << r.out);
        REQUIRE(r.exit_code == 0);
        CHECK(widest_line(r.out) <= 100);
    }
    auto wide = commands[2];
    wide.push_back("--wide");
    const auto r = run_cli(wide);
    REQUIRE(r.exit_code == 0);
    CHECK(widest_line(r.out) > 100);
    // The verdict is one line again.
    const std::string last = r.out.substr(r.out.rfind('\n', r.out.size() - 2) + 1);
    CHECK(last.rfind("Lambda arm64 1024 MB (us-east-1): $", 0) == 0);
    CHECK(last.find("; cheapest: ") != std::string::npos);
}

TEST_CASE("--help lists the shared option groups once, in cost-sim --help") {
    const auto top = run_cli({"--help"});
    REQUIRE(top.exit_code == 0);
    auto count = [](const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    CHECK(count(top.out, "Common options:\n") == 1);
    CHECK(count(top.out, "Workload:\n") == 1);
    for (const char* flag :
         {"--scenario FILE", "--catalog FILE", "--format", "--wide", "--duration-ms D", "--data-out-gb-per-month G"})
        CHECK_MESSAGE(top.out.find(flag) != std::string::npos, std::string(flag));
    for (const char* command : {"lambda", "vm", "compare", "break-even", "sweep", "catalog"}) {
        const auto help = run_cli({command, "--help"});
        INFO(command);
        CHECK(help.exit_code == 0);
        CHECK(count(help.out, "Common options:\n") == 0);
        CHECK(count(help.out, "Workload:\n") == 0);
        CHECK(help.out.find("--scenario FILE") == std::string::npos);
        CHECK(help.out.find("see cost-sim --help") != std::string::npos);
    }
    const auto compare = run_cli({"compare", "--help"});
    for (const char* flag : {"--lambda ARCH:MB", "--vm TYPE[:N]", "--cloud-run-vcpu X", "--cloud-run-concurrency N",
                             "--memory-mb N", "--count N"})
        CHECK_MESSAGE(compare.out.find(flag) != std::string::npos, std::string(flag));
}

TEST_CASE("catalog show: OCI shapes in OCPUs with their vCPUs (x86: 2 per OCPU, Arm: 1)") {
    const auto e4 = run_cli({"catalog", "show", "oci.compute.us-ashburn-1.vm.standard.e4.flex-1ocpu-16gb"});
    CHECK(e4.out.find("VM.Standard.E4.Flex-1ocpu-16gb: 1 OCPU (2 vCPU), 16 GiB, x86_64") != std::string::npos);
    const auto a1 = run_cli({"catalog", "show", "oci.compute.us-ashburn-1.vm.standard.a1.flex-2ocpu-12gb"});
    CHECK(a1.out.find("VM.Standard.A1.Flex-2ocpu-12gb: 2 OCPU (2 vCPU), 12 GiB, arm64") != std::string::npos);
    const auto aws = run_cli({"catalog", "show", "aws.ec2.us-east-1.t3.micro"});
    CHECK(aws.out.find("t3.micro: 2 vCPU, 1 GiB, x86_64") != std::string::npos);
}

TEST_CASE("two offerings with one label: the region tells them apart, else the ids") {
    const auto r = run_cli({"compare", "--scenario", "-", "--wide"},
                           R"({"workload": {"requests_per_month": 1000000, "duration_ms": 100},
                               "offerings": [{"kind": "lambda"}, {"kind": "lambda", "region": "ap-northeast-1"},
                                             {"kind": "lambda", "id": "again", "region": "ap-northeast-1"}]})");
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("\n  Lambda x86_64 128 MB (us-east-1)  ") != std::string::npos);
    CHECK(r.out.find("\n  lambda-ap-northeast-1-x86_64-128mb  ") != std::string::npos);
    CHECK(r.out.find("\n  again  ") != std::string::npos);
}

TEST_CASE("a sweep over memory sizes labels serverless offerings without the memory it replaces") {
    const auto r = run_cli({"sweep", "--vm", "t3.small:1", "--sweep-rps", "1,10", "--lambda", "arm64:1024", "--lambda",
                            "x86_64:512", "--sweep-memory-mb", "128,1024", "--wide"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("  Lambda arm64  Lambda x86_64  t3.small x1") != std::string::npos);
    CHECK(r.out.find("1024 MB") == std::string::npos);
    const auto plain =
        run_cli({"sweep", "--vm", "t3.small:1", "--sweep-rps", "1,10", "--lambda", "arm64:1024", "--wide"});
    CHECK(plain.out.find("  Lambda arm64 1024 MB  t3.small x1") != std::string::npos);
}
