// Strict flag parsing on Boost.Program_options; every failure becomes one UsageError line.
#include "arguments.hpp"

#include "usage_error.hpp"

#include <costsim/detail/edit_distance.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>

namespace costsim::cli {

namespace {

bool looks_like_negative_number(const std::string& token) {
    return token.size() > 1 && token[0] == '-' &&
           (std::isdigit(static_cast<unsigned char>(token[1])) || token[1] == '.');
}

/// " (did you mean --memory-mb?)" for a near miss (two equally near: both), else "".
std::string closest_flag(std::string_view given, const po::options_description& options) {
    std::string name(given);
    name.erase(0, name.find_first_not_of('-'));
    name = name.substr(0, name.find('='));
    std::vector<std::string> best;
    std::size_t best_distance = 4;  // farther than 3 edits is not a typo
    for (const auto& option : options.options()) {
        const std::string& candidate = option->long_name();
        std::size_t d = costsim::detail::edit_distance(name, candidate);
        // A prefix ("--memory" for "--memory-mb") is a near miss too.
        if (candidate.rfind(name, 0) == 0 && !name.empty()) d = std::min<std::size_t>(d, 1);
        // So is the last word(s) of a longer flag ("--concurrency" for "--cloud-run-concurrency").
        if (name.size() >= 4 && candidate.size() > name.size() &&
            candidate.compare(candidate.size() - name.size() - 1, std::string::npos, "-" + name) == 0)
            d = std::min<std::size_t>(d, 1);
        if (d < best_distance) {
            best_distance = d;
            best = {candidate};
        } else if (d == best_distance && best.size() < 2) {
            best.push_back(candidate);
        }
    }
    if (best.empty()) return "";
    return " (did you mean --" + best[0] + (best.size() > 1 ? " or --" + best[1] : "") + "?)";
}

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

}  // namespace

std::string flag_name(std::string_view field) {
    std::string flag = "--";
    for (char c : field) flag += c == '_' ? '-' : c;
    return flag;
}

po::variables_map parse_flags(std::span<const std::string> args, const po::options_description& options,
                              const po::positional_options_description* positional) {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& token = args[i];
        if (token.rfind("--", 0) == 0 && token.size() > 2 && token.find('=') == std::string::npos &&
            i + 1 < args.size() && looks_like_negative_number(args[i + 1])) {
            tokens.push_back(token + "=" + args[i + 1]);
            ++i;
        } else {
            tokens.push_back(token);
        }
    }
    // No abbreviations (a script must say what it means), no short options.
    const int style = po::command_line_style::allow_long | po::command_line_style::long_allow_adjacent |
                      po::command_line_style::long_allow_next;
    // Words that are neither flags nor flag values land in "stray-arguments", reported by name.
    po::options_description all;
    all.add(options);
    all.add_options()("stray-arguments", po::value<std::vector<std::string>>());
    po::positional_options_description stray;
    stray.add("stray-arguments", -1);
    po::variables_map vm;
    try {
        po::command_line_parser parser(tokens);
        parser.options(all).style(style).positional(positional ? *positional : stray);
        po::store(parser.run(), vm);
        po::notify(vm);
    } catch (const po::unknown_option& e) {
        throw UsageError("unknown flag " + e.get_option_name() + closest_flag(e.get_option_name(), options));
    } catch (const po::too_many_positional_options_error&) {
        throw UsageError("too many arguments (flags start with --; values follow their flag)");
    } catch (const po::error& e) {
        // Boost's messages name the flag: "the required argument for option '--region' is missing".
        throw UsageError(e.what());
    }
    if (vm.count("stray-arguments"))
        throw UsageError("unexpected argument " + quoted(vm["stray-arguments"].as<std::vector<std::string>>().front()) +
                         " (flags start with --; values follow their flag)");
    return vm;
}

bool Flags::has(const std::string& name) const { return vm_.count(name) > 0 && !vm_[name].defaulted(); }

namespace {

/// One rule for every flag, as for scenario fields: a value given is never empty (omit the flag
/// for its default).
void require_not_empty(const std::string& name, const std::string& value) {
    if (value.empty()) throw UsageError("--" + name + " must not be empty, got \"\" (omit the flag for the default)");
}

}  // namespace

std::optional<std::string> Flags::text(const std::string& name) const {
    if (!has(name)) return std::nullopt;
    std::string value = vm_[name].as<std::string>();
    require_not_empty(name, value);
    return value;
}

std::vector<std::string> Flags::texts(const std::string& name) const {
    if (!has(name)) return {};
    std::vector<std::string> values = vm_[name].as<std::vector<std::string>>();
    for (const std::string& value : values) require_not_empty(name, value);
    return values;
}

std::optional<double> Flags::number(const std::string& name) const {
    const auto value = text(name);
    if (!value) return std::nullopt;
    double d = 0;
    const char* first = value->data();
    const char* last = first + value->size();
    auto [end, ec] = std::from_chars(first, last, d, std::chars_format::general);
    if (value->empty() || ec != std::errc{} || end != last)
        throw UsageError("--" + name + " must be a number, got " + quoted(*value));
    if (!std::isfinite(d)) throw UsageError("--" + name + " must be a finite number, got " + quoted(*value));
    return d;
}

std::vector<double> Flags::numbers(const std::string& name) const {
    const auto value = text(name);
    if (!value) return {};
    std::vector<double> list;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = value->find(',', start);
        const std::string item = value->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        double d = 0;
        auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), d, std::chars_format::general);
        if (item.empty() || ec != std::errc{} || end != item.data() + item.size() || !std::isfinite(d))
            throw UsageError("--" + name + " must be a comma-separated list of finite numbers, got " + quoted(*value));
        list.push_back(d);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return list;
}

std::optional<int> Flags::integer(const std::string& name) const {
    const auto value = text(name);
    if (!value) return std::nullopt;
    long long n = 0;
    const char* first = value->data();
    const char* last = first + value->size();
    auto [end, ec] = std::from_chars(first, last, n);
    if (ec == std::errc::result_out_of_range || (ec == std::errc{} && end == last && (n < INT_MIN || n > INT_MAX)))
        throw UsageError("--" + name + " is out of range, got " + quoted(*value));
    if (value->empty() || ec != std::errc{} || end != last)
        throw UsageError("--" + name + " must be a whole number, got " + quoted(*value));
    return static_cast<int>(n);
}

std::optional<std::string> Flags::choice(const std::string& name, std::initializer_list<const char*> choices) const {
    auto value = text(name);
    if (!value) return std::nullopt;
    std::string list;
    for (const char* c : choices) {
        if (*value == c) return value;
        list += (list.empty() ? "" : ", ") + std::string(c);
    }
    throw UsageError("--" + name + " must be one of " + list + ", got " + quoted(*value));
}

std::optional<std::string> Flags::choice(const std::string& name, std::span<const std::string_view> choices) const {
    auto value = text(name);
    if (!value) return std::nullopt;
    std::string list;
    for (std::string_view c : choices) {
        if (*value == c) return value;
        list.append(list.empty() ? "" : ", ").append(c);
    }
    throw UsageError("--" + name + " must be one of " + list + ", got " + quoted(*value));
}

bool Flags::flag(const std::string& name) const { return vm_.count(name) > 0 && vm_[name].as<bool>(); }

}  // namespace costsim::cli
