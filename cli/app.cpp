// cost-sim's entry point: dispatch to a command, print its output only on success, and map
// every failure once: usage and input errors to exit 2 with one line, anything else to exit 1.
#include "app.hpp"

#include "catalog_import.hpp"

#include "commands.hpp"
#include "inputs.hpp"
#include "usage_error.hpp"

#include <costsim/catalog.hpp>
#include <costsim/detail/unsafe_text.hpp>
#include <costsim/error.hpp>
#include <costsim/version.hpp>

#include <algorithm>
#include <optional>
#include <ostream>
#include <sstream>

namespace costsim::cli {

namespace {

std::string top_help() {
    std::ostringstream text;
    text << "cost-sim " << kVersion << ": what a workload costs on serverless functions vs virtual machines.\n\n"
         << "Usage: cost-sim <command> [options]\n       cost-sim <command> --help\n       cost-sim --version\n\n"
         << "Commands:\n";
    std::size_t width = 12;
    for (const Command& c : commands()) width = std::max(width, std::string(c.name).size() + 2);
    for (const Command& c : commands()) {
        std::string name = c.name;
        name.resize(width, ' ');
        text << "  " << name << c.summary << "\n";
    }
    text << "\nEvery command takes the common options; lambda, vm, compare, break-even and sweep also the\n"
         << "workload options. `cost-sim <command> --help` lists the command's own.\n"
         << shared_options_help() << "\nExit status: 0 success, 2 bad usage or invalid input, 1 internal error.\n\n"
         << "Examples:\n"
         << "  cost-sim lambda --requests-per-month 3000000 --duration-ms 1000 --memory-mb 512\n"
         << "  cost-sim compare --requests-per-second 5 --duration-ms 200 --memory-mb 512 --vm t3.micro --count 1\n"
         << "  cost-sim compare --requests-per-second 5 --lambda arm64:1024 --vm t4g.small:2 --vm t3.medium:1\n"
         << "  cost-sim catalog list --provider aws --region us-east-1\n";
    return text.str();
}

std::string version_text() {
    const Catalog& catalog = Catalog::builtin();
    return std::string("cost-sim ") + kVersion + " (built-in catalog " + catalog.version() + " as of " +
           catalog.as_of() + ")\n";
}

/// Prints one error line, `<prefix><message>`. Messages quote what the user gave (scenario values,
/// file names, flag values), so every control, bidirectional or non-UTF-8 character is escaped:
/// no newline splits the line, no ESC or BEL reaches the terminal.
int print_error(std::ostream& err, const std::string& prefix, const std::string& message, int status) {
    err << detail::escape_unsafe(prefix + message) << "\n";
    return status;
}

const Command* find_command(const std::string& name) {
    for (const Command& c : commands())
        if (name == c.name) return &c;
    return nullptr;
}

int write(std::ostream& out, std::ostream& err, const std::string& text) {
    out << text;
    out.flush();
    if (!out) return print_error(err, "cost-sim: ", "cannot write the output", kExitInternal);
    return kExitOk;
}

}  // namespace

int run(std::span<const std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
    std::string prefix = "cost-sim: ";
    command_notes().clear();
    std::optional<Flags> flags;
    try {
        if (args.size() < 2)
            return print_error(
                err, prefix,
                "a command is required (lambda, vm, compare, break-even, sweep, catalog); see cost-sim --help",
                kExitUsage);
        const std::string& first = args[1];
        if (first == "--help" || first == "help") return write(out, err, top_help());
        if (first == "--version") return write(out, err, version_text());
        // Two-word commands ("catalog import") before one-word ones.
        const bool two_words = args.size() > 2 && find_command(first + " " + args[2]);
        const Command* command = two_words ? find_command(first + " " + args[2]) : find_command(first);
        if (!command) {
            std::string names;
            for (const Command& c : commands()) names += (names.empty() ? "" : ", ") + std::string(c.name);
            throw UsageError("unknown command \"" + first + "\" (commands: " + names + ")");
        }
        prefix = "cost-sim " + std::string(command->name) + ": ";
        po::options_description options;
        po::options_description hidden;
        po::positional_options_description positional;
        command->describe(options, hidden, positional);
        po::options_description all;
        all.add(options).add(hidden);
        const bool has_positional = positional.max_total_count() > 0;
        flags.emplace(parse_flags(args.subspan(two_words ? 3 : 2), all, has_positional ? &positional : nullptr));
        if (flags->has("help")) return write(out, err, command_help(*command));
        if (command->stream) return command->stream(*flags, in, out, err);
        // Rendered in full before anything is printed: a failure leaves stdout empty.
        const std::string text = command->run(*flags, in);
        const int status = write(out, err, text);
        if (status == kExitOk) err << command_notes();
        return status;
    } catch (const UsageError& e) {
        return print_error(err, prefix, e.what(), kExitUsage);
    } catch (const Error& e) {
        // Name the flag that set the field; else the field itself, when the message does not.
        std::string where = flags ? flag_for_field(*flags, e.field()) : "";
        const std::string message = e.what();
        if (where.empty() && !e.field().empty() && message.find(e.field()) == std::string::npos) where = e.field();
        return print_error(err, prefix, (where.empty() ? "" : where + ": ") + message, kExitUsage);
    } catch (const std::exception& e) {
        return print_error(err, prefix, std::string("internal error: ") + e.what(), kExitInternal);
    } catch (...) {
        return print_error(err, prefix, "internal error", kExitInternal);
    }
}

}  // namespace costsim::cli
