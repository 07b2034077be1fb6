// The offering cards: one per offering, its inputs generated from its kind's descriptor
// (GET /api/v1/offering-kinds: fields with type, bounds, options, help, unit, default), so a kind
// the server publishes gets a form with no page code. Region and instance lists come from the
// catalog. Design/page.md explains the choices.
(function () {
    "use strict";

    /// Marks a translation key that is looked up later (tests/e2e/i18n_keys.mjs collects these).
    const tk = (key) => key;

    /// The page's few per-kind touches, as data keyed "kind.field": a starting value preferred to
    /// the descriptor's default, preset buttons, and the fields named in the offering's label (in
    /// this order).
    const kFieldPresentation = {
        "lambda.memory_mb": { initial: "512", presets: ["128", "512", "1024", "1769", "2048", "10240"], summary: true },
        "lambda.arch": { summary: true },
        "cloud_run.memory_mb": { summary: true },
        "cloud_run.vcpu": { summary: true },
        "azure_functions.memory_mb": { summary: true },
        "vm.capacity_rps": { initial: "50" },
    };

    /// The titles of field groups (dotted descriptor names, "scaling.mode"), by group.
    const kGroupTitles = { scaling: tk("group.scaling") };

    /// Fields set once in the workload panel for every offering that has them.
    const kSharedFields = ["free_tier"];

    /// A blank optional number or text means the descriptor's `unset`: a hint under it says so.
    const hasHint = (field) => field.optional && !!field.unset && ["number", "text", "list"].includes(widgetOf(field));

    function presentationOf(kind, field) {
        return kFieldPresentation[kind.name + "." + field.name] || {};
    }

    /// How a field is typed in: its widget follows from the descriptor alone.
    function widgetOf(field) {
        if (field.type === "string" && field.text_rule === "region") return "region";
        if (field.type === "string" && field.name === "instance") return "instance";
        if (field.type === "choice" && field.name === "provider") return "provider";
        if (field.type === "choice") return "choice";
        if (field.type === "boolean") return field.optional ? "tristate" : "checkbox";
        if (field.type === "integer" || field.type === "number") return "number";
        if (field.type === "list") return "list";
        return "text";
    }

    /// A dotted field ("scaling.mode") sits in its group's nested object: sets offering.scaling.mode.
    function put(object, name, value) {
        const dot = name.indexOf(".");
        if (dot < 0) {
            object[name] = value;
            return;
        }
        const group = name.slice(0, dot);
        if (typeof object[group] !== "object" || object[group] === null) object[group] = {};
        object[group][name.slice(dot + 1)] = value;
    }

    /// A list typed as comma-separated numbers ("1, 2, 3"); text that is no such list is sent as
    /// typed, so the API names the field and the rule.
    function listOf(text) {
        const items = text.split(",").map((item) => item.trim());
        const numbers = items.map(Number);
        return items.every((item) => item !== "") && numbers.every(Number.isFinite) ? numbers : text;
    }

    function element(tag, className) {
        const el = document.createElement(tag);
        if (className) el.className = className;
        return el;
    }

    /// `env`: t(key, params) (the page's strings), text(key, fallback) (a string that may be
    /// missing: the descriptor's English, a choice's spelling), lang(), quantity(n), catalog(),
    /// providerName(provider), instanceOptionText(entry), fillSelect(select, items, wanted).
    function create(env) {
        const kinds = new Map();   // name -> descriptor, in the server's order

        function setKinds(list) {
            kinds.clear();
            for (const kind of list) kinds.set(kind.name, kind);
        }

        const kindOf = (card) => kinds.get(card.dataset.kind);
        const fieldsOf = (kind) => kind.fields.filter((f) => !kSharedFields.includes(f.name));
        const input = (card, name) => card.querySelector('[data-input="' + name + '"]');
        const errorOf = (card, name) => card.querySelector('[data-error="' + name + '"]');

        // ------------------------------------------------------------ descriptor texts

        function kindLabel(name) {
            const kind = kinds.get(name);
            return kind ? env.text("kind." + name, kind.label) : name;
        }

        function fieldHelp(kind, field) {
            return env.text("kind." + kind.name + "." + field.name, field.help);
        }

        function unsetText(kind, field) {
            return env.text("kind." + kind.name + "." + field.name + ".unset", field.unset || "");
        }

        /// A choice's spelling for people: option.<field>.<value>, else the spelling itself.
        function optionText(field, value) {
            return env.text("option." + field.name + "." + value, value);
        }

        const capitalise = (text) => (text ? text.charAt(0).toLocaleUpperCase(env.lang()) + text.slice(1) : text);

        /// "Function memory (MB, 128–10,240)": the help, its unit, the bounds.
        function fieldLabel(kind, field) {
            const help = capitalise(fieldHelp(kind, field));
            const details = [];
            if (field.unit) details.push(field.unit);
            if (field.type === "integer" || field.type === "number") {
                const bounds = { min: env.quantity(field.minimum), max: env.quantity(field.maximum) };
                details.push(env.t(field.exclusive_minimum ? tk("field.range_above") : tk("field.range"), bounds));
            }
            return details.length ? env.t("field.label", { help: help, details: details.join(env.t("field.separator")) }) : help;
        }

        // ------------------------------------------------------------ catalog lists

        /// The provider of a card's prices: the kind's own, or the one its provider field chooses.
        function providerOf(card) {
            const kind = kindOf(card);
            if (kind.provider) return kind.provider;
            const select = input(card, "provider");
            return select ? select.value : "";
        }

        const hasInstances = (kind) => kind.fields.some((f) => widgetOf(f) === "instance");

        /// Regions the catalog prices for the card's provider (those with instances, for a kind
        /// that picks an instance), in catalog order.
        function regionsOf(card) {
            const provider = providerOf(card);
            const withInstances = hasInstances(kindOf(card));
            const list = [];
            for (const e of env.catalog().entries) {
                if (e.provider !== provider || e.region === "global" || (withInstances && !e.instance)) continue;
                if (!list.includes(e.region)) list.push(e.region);
            }
            return list;
        }

        function fillRegions(card, wanted) {
            const select = input(card, "region");
            if (!select) return;
            const items = regionsOf(card).map((r) => ({ value: r, text: r }));
            env.fillSelect(select, items, wanted || (items[0] && items[0].value));
        }

        function fillInstances(card, wanted) {
            const select = input(card, "instance");
            if (!select) return;
            const provider = providerOf(card);
            const regionSelect = input(card, "region");
            const region = regionSelect ? regionSelect.value : "";
            const items = env.catalog().entries
                .filter((e) => e.instance && e.provider === provider && (!regionSelect || e.region === region))
                .map((e) => ({ value: e.instance.name, text: env.instanceOptionText(e) }));
            env.fillSelect(select, items, wanted || (items[0] && items[0].value));
        }

        function fillProviders(card, wanted) {
            const select = input(card, "provider");
            if (!select) return;
            const field = kindOf(card).fields.find((f) => f.name === "provider");
            env.fillSelect(select, field.options.map((p) => ({ value: p, text: env.providerName(p) })), wanted);
        }

        // ------------------------------------------------------------ building

        function buildControl(field, id) {
            const widget = widgetOf(field);
            let control;
            if (widget === "number") {
                control = element("input");
                control.type = "number";
                control.inputMode = field.type === "integer" ? "numeric" : "decimal";
                control.min = String(field.minimum);
                control.max = String(field.maximum);
                control.step = field.type === "integer" ? "1" : "any";
                if (field.exclusive_minimum) control.dataset.exclusiveMinimum = "true";
            } else if (widget === "checkbox") {
                control = element("input");
                control.type = "checkbox";
            } else if (widget === "text") {
                control = element("input");
                control.type = "text";
                control.maxLength = 64;
            } else if (widget === "list") {
                control = element("input");
                control.type = "text";
                control.inputMode = "decimal";
                control.placeholder = "1, 2, 3, ...";
            } else {
                control = element("select");
            }
            control.id = id;
            control.dataset.input = field.name;
            const described = [id + "-error"];
            if (hasHint(field)) described.unshift(id + "-hint");
            control.setAttribute("aria-describedby", described.join(" "));
            return control;
        }

        function buildField(kind, field, uid) {
            const id = "o" + uid + "-" + field.name;
            const widget = widgetOf(field);
            const presets = presentationOf(kind, field).presets || [];
            const wrap = element("div", "field" + (widget === "checkbox" ? " check" : "") +
                                        (widget === "checkbox" || presets.length ? " wide" : ""));
            wrap.dataset.field = field.name;
            const label = element("label");
            label.htmlFor = id;
            label.dataset.label = field.name;
            const control = buildControl(field, id);
            if (widget === "checkbox") wrap.append(control, label);
            else wrap.append(label, control);
            if (hasHint(field)) {
                const hint = element("p", "hint");
                hint.id = id + "-hint";
                hint.dataset.hint = field.name;
                wrap.appendChild(hint);
            }
            if (presets.length) {
                const group = element("div", "presets");
                group.setAttribute("role", "group");
                group.dataset.presetsFor = field.name;
                for (const value of presets) {
                    const button = element("button", "preset");
                    button.type = "button";
                    button.dataset.preset = field.name;
                    button.dataset.value = value;
                    button.textContent = value;
                    group.appendChild(button);
                }
                wrap.appendChild(group);
            }
            const error = element("p", "field-error");
            error.id = id + "-error";
            error.dataset.error = field.name;
            error.hidden = true;
            wrap.appendChild(error);
            return wrap;
        }

        /// The value a new card starts with: the page's preference, else the descriptor's default.
        function initialValue(kind, field) {
            const preferred = presentationOf(kind, field).initial;
            if (preferred !== undefined) return preferred;
            if (field.default === null || field.default === undefined) return "";
            return widgetOf(field) === "checkbox" ? field.default === true : String(field.default);
        }

        function setValue(card, field, raw) {
            const control = input(card, field.name);
            switch (widgetOf(field)) {
            case "checkbox":
                control.checked = raw === true || raw === "true";
                break;
            case "tristate":
                control.value = raw === true || raw === "true" ? "true" : raw === false || raw === "false" ? "false" : "";
                break;
            case "choice":
                fillChoice(card, field, typeof raw === "string" ? raw : "");
                break;
            case "provider":
                fillProviders(card, typeof raw === "string" ? raw : "");
                break;
            case "region":
                fillRegions(card, typeof raw === "string" ? raw : "");
                break;
            case "instance":
                fillInstances(card, typeof raw === "string" ? raw : "");
                break;
            default:
                control.value = typeof raw === "string" ? raw : "";
            }
        }

        function fillChoice(card, field, wanted) {
            const select = input(card, field.name);
            const items = field.options.map((o) => ({ value: o, text: optionText(field, o) }));
            if (field.optional) items.unshift({ value: "", text: env.t("field.default_option", { unset: unsetText(kindOf(card), field) }) });
            env.fillSelect(select, items, wanted || (field.optional ? "" : items[0] && items[0].value));
            if (!wanted && field.optional) select.value = "";
        }

        function fillTristate(card, field) {
            const select = input(card, field.name);
            const value = select.value;
            env.fillSelect(select, [
                { value: "", text: env.t("field.default_option", { unset: unsetText(kindOf(card), field) }) },
                { value: "true", text: env.t("field.yes") },
                { value: "false", text: env.t("field.no") },
            ], value);
            select.value = value;
        }

        /// A card for one offering of `kindName`, filled from `values` (a share link's raw
        /// inputs; missing fields start from initialValue).
        function buildCard(kindName, values, uid) {
            const kind = kinds.get(kindName);
            const card = element("fieldset", "panel offering-card");
            card.dataset.kind = kind.name;
            card.dataset.billing = kind.billing;
            card.dataset.uid = String(uid);
            const legend = element("legend", "card-legend");
            const about = element("p", "card-help");
            const grid = element("div", "grid2");
            // A group's fields ("scaling.*") together in a fieldset of their own.
            const groups = new Map();
            for (const field of fieldsOf(kind)) {
                const group = field.group || "";
                if (!group) {
                    grid.appendChild(buildField(kind, field, uid));
                    continue;
                }
                if (!groups.has(group)) {
                    const set = element("fieldset", "field-group");
                    set.dataset.group = group;
                    const legend = element("legend");
                    legend.dataset.groupLegend = group;
                    const inner = element("div", "grid2");
                    set.append(legend, inner);
                    groups.set(group, inner);
                    grid.appendChild(set);
                }
                groups.get(group).appendChild(buildField(kind, field, uid));
            }
            const cardError = element("p", "field-error card-error");
            cardError.dataset.error = "card";
            cardError.id = "o" + uid + "-card-error";
            cardError.hidden = true;
            const remove = element("button", "secondary remove");
            remove.type = "button";
            remove.dataset.action = "remove";
            card.append(legend, about, grid, cardError, remove);

            // Provider first (regions follow it), then region (instances follow it), then the rest.
            const order = (f) => ({ provider: 0, region: 1, instance: 2 }[widgetOf(f)] ?? 3);
            const fields = fieldsOf(kind).slice().sort((a, b) => order(a) - order(b));
            for (const field of fields) {
                if (widgetOf(field) === "tristate") fillTristate(card, field);
                const given = values && Object.prototype.hasOwnProperty.call(values, field.name) ? values[field.name] : undefined;
                setValue(card, field, given !== undefined ? given : initialValue(kind, field));
            }
            const provider = input(card, "provider");
            if (provider) provider.addEventListener("change", () => { fillRegions(card, ""); fillInstances(card, ""); });
            const region = input(card, "region");
            if (region) region.addEventListener("change", () => fillInstances(card, (input(card, "instance") || {}).value));
            card.querySelectorAll("[data-preset]").forEach((button) => button.addEventListener("click", () => {
                input(card, button.dataset.preset).value = button.dataset.value;
                input(card, button.dataset.preset).dispatchEvent(new Event("input", { bubbles: true }));
            }));
            refreshTexts(card);
            return card;
        }

        // ------------------------------------------------------------ texts (again on a language change)

        /// Labels, hints and option texts in the page's language; `legendText` from the page
        /// (it numbers cards of the same kind).
        function refreshTexts(card, legendText) {
            const kind = kindOf(card);
            card.querySelector(".card-legend").textContent = legendText || kindLabel(kind.name);
            card.querySelector(".card-help").textContent = capitalise(env.text("kind_help." + kind.name, kind.help)) + ".";
            const remove = card.querySelector('[data-action="remove"]');
            remove.textContent = env.t("card.remove");
            remove.setAttribute("aria-label", env.t("card.remove_named", { name: legendText || kindLabel(kind.name) }));
            card.querySelectorAll("[data-group-legend]").forEach((legend) => {
                const group = legend.dataset.groupLegend;
                legend.textContent = capitalise(env.text(kGroupTitles[group] || "group." + group, group));
            });
            for (const field of fieldsOf(kind)) {
                card.querySelector('label[data-label="' + field.name + '"]').textContent = fieldLabel(kind, field);
                const hint = card.querySelector('[data-hint="' + field.name + '"]');
                if (hint) hint.textContent = env.t("field.blank", { unset: unsetText(kind, field) });
                const presets = card.querySelector('[data-presets-for="' + field.name + '"]');
                if (presets) presets.setAttribute("aria-label", env.t("field.presets", { field: fieldHelp(kind, field) }));
                const widget = widgetOf(field);
                if (widget === "choice") fillChoice(card, field, input(card, field.name).value);
                if (widget === "tristate") fillTristate(card, field);
                if (widget === "provider") fillProviders(card, input(card, field.name).value);
                if (widget === "instance") fillInstances(card, input(card, field.name).value);
            }
        }

        // ------------------------------------------------------------ reading

        /// The card's raw inputs, by field name (strings as typed, booleans for checkboxes).
        function readCard(card) {
            const values = {};
            for (const field of fieldsOf(kindOf(card))) {
                const control = input(card, field.name);
                values[field.name] = widgetOf(field) === "checkbox" ? control.checked : control.value;
            }
            return values;
        }

        function number(text) {
            if (typeof text !== "string" || text.trim() === "") return null;
            const n = Number(text);
            return Number.isFinite(n) ? n : null;
        }

        /// The offering's fields for the API from the card's raw inputs, and where each is typed.
        /// A blank optional field is left out (the API's `unset` applies); a blank required one is
        /// sent as null, so the API names it.
        function offeringOf(card, shared) {
            const kind = kindOf(card);
            const values = readCard(card);
            const offering = {};
            const targets = {};
            for (const field of kind.fields) {
                if (kSharedFields.includes(field.name)) {
                    if (Object.prototype.hasOwnProperty.call(shared, field.name)) put(offering, field.name, shared[field.name]);
                    continue;
                }
                targets[field.name] = { input: input(card, field.name), error: errorOf(card, field.name) };
                const raw = values[field.name];
                const widget = widgetOf(field);
                if (widget === "checkbox") {
                    put(offering, field.name, raw);
                } else if (widget === "tristate") {
                    if (raw !== "") put(offering, field.name, raw === "true");
                } else if (raw.trim() === "") {
                    if (!field.optional) put(offering, field.name, null);
                } else {
                    put(offering, field.name, widget === "number" ? number(raw) : widget === "list" ? listOf(raw) : raw);
                }
            }
            return { offering: offering, targets: targets, cardError: errorOf(card, "card") };
        }

        /// What names the offering for people: its kind, its instance, and the presentation's
        /// summary fields ("512 MB", "x86_64"); the page composes the label from these.
        function describe(card) {
            const kind = kindOf(card);
            const values = readCard(card);
            const details = [];
            // in the table's order
            const named = Object.keys(kFieldPresentation).filter((key) => key.startsWith(kind.name + ".") && kFieldPresentation[key].summary)
                .map((key) => fieldsOf(kind).find((f) => kind.name + "." + f.name === key)).filter(Boolean);
            for (const field of named) {
                if (typeof values[field.name] !== "string") continue;
                const raw = values[field.name].trim();
                if (raw === "") continue;
                const shown = widgetOf(field) === "number" && number(raw) !== null ? env.quantity(number(raw)) : raw;
                details.push(field.unit ? shown + " " + field.unit : shown);
            }
            const instance = input(card, "instance");
            const region = input(card, "region");
            return {
                kind: kind.name, billing: kind.billing, details: details,
                instance: instance ? instance.value : "", region: region ? region.value : "",
                provider: kind.fields.some((f) => f.name === "provider") ? providerOf(card) : "",
            };
        }

        return {
            setKinds, kinds: () => [...kinds.values()], hasKind: (name) => kinds.has(name), kindLabel,
            buildCard, refreshTexts, readCard, offeringOf, describe,
            sharedFields: kSharedFields, widgetOf,
        };
    }

    window.CostsimOfferingForm = { create: create, presentation: kFieldPresentation, sharedFields: kSharedFields };
})();
