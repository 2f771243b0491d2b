//! Data shortcodes: a fenced block whose language is `table` or `chart`
//! holds a small YAML spec naming a CSV file in `data/`.
//!
//! ````markdown
//! ```table
//! data: contacts-by-source
//! caption: "Table 2: Contacts by source"
//! groups: [{ title: "", span: 1 }, { title: Contacts received, span: 3 }]
//! change: true
//! ```
//! ````
//!
//! Fenced blocks keep the Markdown readable in any editor and on GitHub,
//! and a name (never a path) keeps the reference inside `data/`.

use charter_core::diagnostics::did_you_mean;
use charter_core::html::escape;
use charter_core::model::{Data, Table};
use charter_core::{Code, Diagnostic};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableSpec {
    data: String,
    #[serde(default)]
    caption: Option<String>,
    /// Columns to show, in order (default: all).
    #[serde(default)]
    columns: Vec<String>,
    /// A header row above the column headers: each group spans columns.
    #[serde(default)]
    groups: Vec<Group>,
    /// Add a totals row that sums the numeric columns.
    #[serde(default)]
    total: bool,
    /// Add a column with the change between the last two numeric columns.
    #[serde(default)]
    change: bool,
    /// Decimal places for numbers (default: as written).
    #[serde(default)]
    decimals: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    #[serde(default)]
    title: String,
    span: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartSpec {
    data: String,
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default = "bar")]
    r#type: String,
    /// The column that labels each bar or point (default: the first).
    #[serde(default)]
    x: Option<String>,
    /// The numeric columns to plot (default: all numeric columns).
    #[serde(default)]
    series: Vec<String>,
    /// Rows to leave out, such as a "Total" row.
    #[serde(default)]
    exclude: Vec<String>,
}

fn bar() -> String {
    "bar".into()
}

/// A problem with a shortcode, for the caller to place.
pub(super) struct Problem {
    /// What is wrong.
    pub(super) message: String,
    /// How to fix it.
    pub(super) help: String,
    /// The block names a path rather than a data file: a security matter.
    pub(super) is_path: bool,
}

fn find<'d>(data: &'d Data, name: &str) -> Result<&'d Table, Problem> {
    if name.contains('/') || name.contains('\\') || name.contains("..") || name.starts_with('.') {
        return Err(Problem {
            message: format!("`data: {name}` is a path; shortcodes only read files in data/ by name"),
            help: "write the file's name without folder or extension, e.g. `data: contacts-by-source` for data/contacts-by-source.csv".into(),
            is_path: true,
        });
    }
    let name = name.strip_suffix(".csv").unwrap_or(name);
    data.tables.get(name).ok_or_else(|| Problem {
        message: format!("there is no data/{name}.csv"),
        help: match did_you_mean(name, data.tables.keys().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!(
                "the CSV files in data/ are: {}",
                data.tables.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        },
        is_path: false,
    })
}

fn parse_spec<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Problem> {
    serde_saphyr::from_str::<T>(text).map_err(|e| Problem {
        message: format!(
            "this shortcode's settings are not valid: {}",
            e.without_snippet()
                .render_with_options(
                    serde_saphyr::render_options! { snippets: serde_saphyr::SnippetMode::Off }
                )
                .lines()
                .next()
                .unwrap_or("")
        ),
        help:
            "see the guide's page on data tables and charts for the settings each shortcode takes"
                .into(),
        is_path: false,
    })
}

/// A number as written in a CSV cell: "1,240", "(2.5%)", "£3,100", "-4".
pub(super) fn parse_number(cell: &str) -> Option<f64> {
    let t = cell.trim();
    let negative =
        t.starts_with('(') && t.ends_with(')') || t.starts_with('-') || t.starts_with('−');
    let digits: String = t.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    if digits.is_empty() || t.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let v: f64 = digits.parse().ok()?;
    Some(if negative { -v } else { v })
}

fn format_number(v: f64, decimals: usize) -> String {
    format_value(v, decimals, false)
}

/// A number with thousands separators, optionally a percentage, and
/// accounting-style brackets for negatives.
fn format_value(v: f64, decimals: usize, percent: bool) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s
        .split_once('.')
        .map(|(a, b)| (a.to_string(), Some(b.to_string())))
        .unwrap_or((s.clone(), None));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped.push('.');
        grouped.push_str(&f);
    }
    if percent {
        grouped.push('%');
    }
    // Accounting style: negatives in brackets, with the word for screen readers.
    if v < 0.0 {
        format!("({grouped})<span class=\"visually-hidden\"> negative</span>")
    } else {
        grouped
    }
}

fn decimals_of(cells: &[&str]) -> usize {
    cells
        .iter()
        .filter_map(|c| {
            c.split_once('.').map(|(_, f)| f.chars().take_while(|c| c.is_ascii_digit()).count())
        })
        .max()
        .unwrap_or(0)
}

/// Per shown column: its source column and how its figures are written.
struct Columns {
    source: Vec<usize>,
    numeric: Vec<bool>,
    decimals: Vec<usize>,
    percent: Vec<bool>,
    /// The two numeric columns the change column compares, if any.
    change: Option<(usize, usize)>,
}

/// Renders a ```table block.
pub(super) fn table(spec: &str, data: &Data, id: &str) -> Result<String, Problem> {
    let spec: TableSpec = parse_spec(spec)?;
    let t = find(data, &spec.data)?;
    let cols = columns(&spec, t)?;
    let mut html = format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}\">\n<table class=\"data-table\">\n"
    );
    let caption = spec.caption.clone().unwrap_or_else(|| format!("Data from {}", spec.data));
    html.push_str(&format!(
        "<caption id=\"{id}\">{}</caption>\n<thead>\n",
        super::render_inline(&caption)
    ));
    let group_of = group_row(&mut html, &spec.groups, &cols, id);
    header_row(&mut html, t, &cols, &group_of, id);
    html.push_str("</tr>\n</thead>\n<tbody>\n");
    let totals = body_rows(&mut html, t, &cols, &group_of, id);
    if spec.total {
        totals_row(&mut html, &cols, &totals, id);
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    Ok(html)
}

fn columns(spec: &TableSpec, t: &Table) -> Result<Columns, Problem> {
    let source: Vec<usize> = if spec.columns.is_empty() {
        (0..t.headers.len()).collect()
    } else {
        spec.columns
            .iter()
            .map(|c| {
                t.headers.iter().position(|h| h == c).ok_or_else(|| Problem {
                    message: format!("data/{}.csv has no column `{c}`", spec.data),
                    help: format!("its columns are: {}", t.headers.join(", ")),
                    is_path: false,
                })
            })
            .collect::<Result<_, _>>()?
    };
    let cells = |c: usize| t.rows.iter().filter_map(move |r| r.get(c).map(String::as_str));
    let numeric: Vec<bool> = source
        .iter()
        .map(|&c| cells(c).all(|v| v.is_empty() || parse_number(v).is_some()))
        .collect();
    let decimals = source
        .iter()
        .map(|&c| spec.decimals.unwrap_or_else(|| decimals_of(&cells(c).collect::<Vec<_>>())))
        .collect();
    let percent = source.iter().map(|&c| cells(c).any(|v| v.contains('%'))).collect();
    let numeric_cols: Vec<usize> = (0..source.len()).filter(|&i| numeric[i]).collect();
    let change = (spec.change && numeric_cols.len() >= 2)
        .then(|| (numeric_cols[numeric_cols.len() - 2], numeric_cols[numeric_cols.len() - 1]));
    Ok(Columns { source, numeric, decimals, percent, change })
}

/// The header row of groups above the column headers, if any; returns
/// each column's group, so a cell can name both of its headers.
fn group_row(html: &mut String, groups: &[Group], cols: &Columns, id: &str) -> Vec<Option<usize>> {
    let mut group_of = vec![None; cols.source.len()];
    if groups.is_empty() {
        return group_of;
    }
    html.push_str("<tr>");
    let mut at = 0;
    for (g, group) in groups.iter().enumerate() {
        let span = group.span.max(1);
        if group.title.is_empty() {
            html.push_str(&format!("<td colspan=\"{span}\"></td>"));
        } else {
            html.push_str(&format!(
                "<th id=\"{id}-g{g}\" scope=\"colgroup\" colspan=\"{span}\">{}</th>",
                escape(&group.title)
            ));
            for slot in group_of.iter_mut().skip(at).take(span) {
                *slot = Some(g);
            }
        }
        at += span;
    }
    if cols.change.is_some() {
        html.push_str("<td></td>");
    }
    html.push_str("</tr>\n");
    group_of
}

fn header_row(html: &mut String, t: &Table, cols: &Columns, group_of: &[Option<usize>], id: &str) {
    html.push_str("<tr>");
    for (i, &c) in cols.source.iter().enumerate() {
        let class = if cols.numeric[i] { " class=\"num\"" } else { "" };
        let headers = group_of[i].map(|g| format!(" headers=\"{id}-g{g}\"")).unwrap_or_default();
        html.push_str(&format!(
            "<th id=\"{id}-c{i}\" scope=\"col\"{class}{headers}>{}</th>",
            escape(&t.headers[c])
        ));
    }
    if let Some((from, to)) = cols.change {
        html.push_str(&format!(
            "<th id=\"{id}-change\" scope=\"col\" class=\"num\">Change, {} to {}</th>",
            escape(&t.headers[cols.source[from]]),
            escape(&t.headers[cols.source[to]])
        ));
    }
}

/// The rows of the table; returns each column's total (totals rows apart).
fn body_rows(
    html: &mut String,
    t: &Table,
    cols: &Columns,
    group_of: &[Option<usize>],
    id: &str,
) -> Vec<f64> {
    let row_header = !cols.numeric.first().copied().unwrap_or(true);
    let mut totals = vec![0.0f64; cols.source.len()];
    for (r, row) in t.rows.iter().enumerate() {
        let is_total = row.first().is_some_and(|c| c.to_lowercase().starts_with("total"));
        html.push_str(if is_total { "<tr class=\"total\">" } else { "<tr>" });
        for (i, &c) in cols.source.iter().enumerate() {
            let cell = row.get(c).map(String::as_str).unwrap_or("");
            let headers = cell_headers(id, i, group_of[i], row_header.then_some(r));
            if i == 0 && row_header {
                html.push_str(&format!("<th id=\"{id}-r{r}\" scope=\"row\">{}</th>", escape(cell)));
                continue;
            }
            match parse_number(cell).filter(|_| cols.numeric[i]) {
                Some(v) => {
                    if !is_total {
                        totals[i] += v;
                    }
                    let class = if v < 0.0 { "num negative" } else { "num" };
                    let value = format_value(v, cols.decimals[i], cols.percent[i]);
                    html.push_str(&format!(
                        "<td class=\"{class}\" headers=\"{headers}\">{value}</td>"
                    ));
                }
                None => html.push_str(&format!("<td headers=\"{headers}\">{}</td>", escape(cell))),
            }
        }
        if let Some((from, to)) = cols.change {
            let a = row.get(cols.source[from]).and_then(|c| parse_number(c));
            let b = row.get(cols.source[to]).and_then(|c| parse_number(c));
            html.push_str(&change_cell(id, a, b, row_header.then_some(r)));
        }
        html.push_str("</tr>\n");
    }
    totals
}

fn totals_row(html: &mut String, cols: &Columns, totals: &[f64], id: &str) {
    html.push_str(&format!("<tr class=\"total\"><th id=\"{id}-total\" scope=\"row\">Total</th>"));
    for (i, total) in totals.iter().enumerate().skip(1) {
        // Percentages do not add up: their total cell stays empty.
        if cols.numeric[i] && !cols.percent[i] {
            let value = format_number(*total, cols.decimals[i]);
            html.push_str(&format!(
                "<td class=\"num\" headers=\"{id}-c{i} {id}-total\">{value}</td>"
            ));
        } else {
            html.push_str("<td></td>");
        }
    }
    if let Some((from, to)) = cols.change {
        html.push_str(&change_cell(id, Some(totals[from]), Some(totals[to]), None));
    }
    html.push_str("</tr>\n");
}

fn cell_headers(id: &str, column: usize, group: Option<usize>, row: Option<usize>) -> String {
    let mut h = vec![format!("{id}-c{column}")];
    if let Some(g) = group {
        h.push(format!("{id}-g{g}"));
    }
    if let Some(r) = row {
        h.push(format!("{id}-r{r}"));
    }
    h.join(" ")
}

/// Change between two years, with its direction in words, never an arrow
/// or a colour alone.
fn change_cell(id: &str, a: Option<f64>, b: Option<f64>, row: Option<usize>) -> String {
    let headers = match row {
        Some(r) => format!("{id}-change {id}-r{r}"),
        None => format!("{id}-change {id}-total"),
    };
    match (a, b) {
        (Some(a), Some(b)) if a != 0.0 => {
            let pct = (b - a) / a.abs() * 100.0;
            let word = if pct > 0.05 {
                "up"
            } else if pct < -0.05 {
                "down"
            } else {
                "no change"
            };
            format!(
                "<td class=\"num change-{}\" headers=\"{headers}\">{word} {:.1}%</td>",
                word.replace(' ', "-"),
                pct.abs()
            )
        }
        _ => format!("<td headers=\"{headers}\">not available</td>"),
    }
}

/// A chart's figures: the label of each row and its values per series.
struct Figures<'t> {
    title: &'t str,
    x_header: &'t str,
    series: Vec<&'t str>,
    labels: Vec<&'t str>,
    values: Vec<Vec<f64>>,
}

/// Renders a ```chart block: an SVG with a title and description, and the
/// same data as a table beside it.
pub(super) fn chart(spec: &str, data: &Data, id: &str) -> Result<String, Problem> {
    let spec: ChartSpec = parse_spec(spec)?;
    let t = find(data, &spec.data)?;
    if spec.r#type != "bar" && spec.r#type != "line" {
        return Err(Problem {
            message: format!("`type: {}` is not a chart type", spec.r#type),
            help: "use `type: bar` or `type: line`".into(),
            is_path: false,
        });
    }
    let figures = figures(&spec, t)?;
    let description = spec.description.clone().unwrap_or_else(|| {
        format!(
            "{} of {} by {}; the table below gives the figures.",
            if spec.r#type == "bar" { "Bar chart" } else { "Line chart" },
            figures.series.join(", "),
            figures.x_header
        )
    });
    let svg = if spec.r#type == "bar" {
        bar_svg(&figures, &description, id)
    } else {
        line_svg(&figures, &description, id)
    };
    let legend: String = figures
        .series
        .iter()
        .enumerate()
        .map(|(s, name)| {
            format!("<li><span class=\"key series-{}\"></span>{}</li>", s + 1, escape(name))
        })
        .collect();
    let table = figures_table(&figures, id);
    Ok(format!(
        "<figure class=\"chart-figure\">\n<figcaption id=\"{id}-caption\">{}</figcaption>\n{svg}\n<div class=\"chart-notes\"><ul class=\"chart-legend\">{legend}</ul>\n{table}</div>\n</figure>\n",
        escape(&spec.title)
    ))
}

fn figures<'t>(spec: &'t ChartSpec, t: &'t Table) -> Result<Figures<'t>, Problem> {
    let col = |name: &str| {
        t.headers.iter().position(|h| h == name).ok_or_else(|| Problem {
            message: format!("data/{}.csv has no column `{name}`", spec.data),
            help: format!("its columns are: {}", t.headers.join(", ")),
            is_path: false,
        })
    };
    let x = match &spec.x {
        Some(n) => col(n)?,
        None => 0,
    };
    let series: Vec<usize> = if spec.series.is_empty() {
        let all_numbers =
            |c: usize| t.rows.iter().all(|r| r.get(c).is_some_and(|v| parse_number(v).is_some()));
        (0..t.headers.len()).filter(|&c| c != x && all_numbers(c)).collect()
    } else {
        spec.series.iter().map(|s| col(s)).collect::<Result<_, _>>()?
    };
    let rows: Vec<&Vec<String>> =
        t.rows.iter().filter(|r| !spec.exclude.iter().any(|e| r.get(x) == Some(e))).collect();
    let value = |r: &Vec<String>, c: usize| r.get(c).and_then(|v| parse_number(v)).unwrap_or(0.0);
    Ok(Figures {
        title: &spec.title,
        x_header: &t.headers[x],
        series: series.iter().map(|&c| t.headers[c].as_str()).collect(),
        labels: rows.iter().map(|r| r.get(x).map(String::as_str).unwrap_or("")).collect(),
        values: rows.iter().map(|r| series.iter().map(|&c| value(r, c)).collect()).collect(),
    })
}

fn svg_open(
    kind: &str,
    width: f64,
    height: f64,
    f: &Figures<'_>,
    description: &str,
    id: &str,
) -> String {
    format!(
        "<svg class=\"chart chart-{kind}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(f.title),
        escape(description)
    )
}

fn max_value(f: &Figures<'_>) -> f64 {
    f.values.iter().flatten().cloned().fold(0.0f64, f64::max).max(1.0)
}

fn bar_svg(f: &Figures<'_>, description: &str, id: &str) -> String {
    let (width, bar_h, gap, label_w) = (640.0, 18.0, 10.0, 200.0);
    let max = max_value(f);
    let group_h = bar_h * f.series.len() as f64 + gap;
    let height = group_h * f.labels.len() as f64 + 40.0;
    let mut svg = svg_open("bar", width, height, f, description, id);
    for (r, label) in f.labels.iter().enumerate() {
        let y0 = 10.0 + r as f64 * group_h;
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y0 + group_h / 2.0,
            escape(label)
        ));
        for (s, v) in f.values[r].iter().enumerate() {
            let w = (v / max * (width - label_w - 70.0)).max(0.0);
            let y = y0 + s as f64 * bar_h;
            svg.push_str(&format!(
                "<rect class=\"series-{}\" x=\"{label_w}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{:.1}\"/>",
                s + 1,
                bar_h - 3.0
            ));
            svg.push_str(&format!(
                "<text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                label_w + w + 4.0,
                y + bar_h - 6.0,
                escape(&format_plain(*v))
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

fn line_svg(f: &Figures<'_>, description: &str, id: &str) -> String {
    let (width, height) = (640.0, 320.0);
    let max = max_value(f);
    let plot_w = width - 80.0;
    let step = if f.labels.len() > 1 { plot_w / (f.labels.len() - 1) as f64 } else { 0.0 };
    let mut svg = svg_open("line", width, height, f, description, id);
    for s in 0..f.series.len() {
        let points: Vec<String> = f
            .values
            .iter()
            .enumerate()
            .map(|(r, v)| {
                format!(
                    "{:.1},{:.1}",
                    50.0 + r as f64 * step,
                    20.0 + (1.0 - v[s] / max) * (height - 60.0)
                )
            })
            .collect();
        svg.push_str(&format!(
            "<polyline class=\"series-{} line-{}\" fill=\"none\" points=\"{}\"/>",
            s + 1,
            s + 1,
            points.join(" ")
        ));
    }
    for (r, label) in f.labels.iter().enumerate() {
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            50.0 + r as f64 * step,
            height - 15.0,
            escape(label)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The same figures as a table, so nothing is only in the picture.
fn figures_table(f: &Figures<'_>, id: &str) -> String {
    let mut table = format!(
        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{id}-table\">\n<table>\n<caption id=\"{id}-table\">The figures in the chart: {}</caption>\n<thead><tr><th scope=\"col\">{}</th>",
        escape(f.title),
        escape(f.x_header)
    );
    for name in &f.series {
        table.push_str(&format!("<th scope=\"col\" class=\"num\">{}</th>", escape(name)));
    }
    table.push_str("</tr></thead>\n<tbody>\n");
    for (r, label) in f.labels.iter().enumerate() {
        table.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(label)));
        for v in &f.values[r] {
            table.push_str(&format!("<td class=\"num\">{}</td>", format_plain(*v)));
        }
        table.push_str("</tr>\n");
    }
    table.push_str("</tbody>\n</table>\n</div>\n");
    table
}

fn format_plain(v: f64) -> String {
    let d = if v.fract() == 0.0 { 0 } else { 1 };
    format_number(v, d).replace("<span class=\"visually-hidden\"> negative</span>", "")
}

/// A data block's figures as text, for comparing two versions: its
/// caption or title, the shown columns' headers and each row's cells.
pub(crate) struct DataFigures {
    /// The table's caption (Markdown) or the chart's title.
    pub(crate) title: String,
    /// The figures are a chart's.
    pub(crate) chart: bool,
    /// Column headers.
    pub(crate) head: Vec<String>,
    /// Rows of cells.
    pub(crate) rows: Vec<Vec<String>>,
}

/// The figures a ```table or ```chart block shows; `None` when its settings
/// or data are wrong (the page itself reports that).
pub(crate) fn data_figures(lang: &str, spec: &str, data: &Data) -> Option<DataFigures> {
    if lang == "table" {
        let spec: TableSpec = parse_spec(spec).ok()?;
        let t = find(data, &spec.data).ok()?;
        let cols = columns(&spec, t).ok()?;
        let pick = |row: &Vec<String>| -> Vec<String> {
            cols.source.iter().map(|&c| row.get(c).cloned().unwrap_or_default()).collect()
        };
        return Some(DataFigures {
            title: spec.caption.clone().unwrap_or_else(|| format!("Data from {}", spec.data)),
            chart: false,
            head: pick(&t.headers),
            rows: t.rows.iter().map(pick).collect(),
        });
    }
    if lang != "chart" {
        return None;
    }
    let spec: ChartSpec = parse_spec(spec).ok()?;
    let t = find(data, &spec.data).ok()?;
    let f = figures(&spec, t).ok()?;
    let mut head = vec![f.x_header.to_string()];
    head.extend(f.series.iter().map(|s| s.to_string()));
    let rows = f
        .labels
        .iter()
        .zip(&f.values)
        .map(|(label, values)| {
            std::iter::once(label.to_string())
                .chain(values.iter().map(|v| format_plain(*v)))
                .collect()
        })
        .collect();
    Some(DataFigures { title: spec.title.clone(), chart: true, head, rows })
}

/// Turns a problem into a diagnostic at the block.
pub(super) fn diagnostic(p: Problem, file: &str, line: usize) -> Diagnostic {
    let code = if p.is_path { Code::SecurityDataPath } else { Code::DataShortcode };
    Diagnostic::error(code, p.message).at(file, line, 1).help(p.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Data {
        let mut d = Data::default();
        d.tables.insert(
            "money".into(),
            charter_load::data::parse_csv(
                "Partner,2024-25,2025-26\nCouncil,\"1,000\",\"1,100\"\nPolice,500,(50)\n",
            )
            .unwrap(),
        );
        d
    }

    #[test]
    fn numbers_as_written() {
        assert_eq!(parse_number("1,240"), Some(1240.0));
        assert_eq!(parse_number("(2.5%)"), Some(-2.5));
        assert_eq!(parse_number("£3,100"), Some(3100.0));
        assert_eq!(parse_number("Police"), None);
    }

    #[test]
    fn table_with_groups_totals_and_change() {
        let html = table("data: money\ncaption: \"Table 1: Money\"\ngroups: [{title: \"\", span: 1}, {title: Contributions, span: 2}]\ntotal: true\nchange: true\n", &data(), "t1").unwrap_or_else(|p| panic!("{}", p.message));
        assert!(html.contains("scope=\"colgroup\" colspan=\"2\">Contributions</th>"));
        assert!(html.contains("headers=\"t1-c1 t1-g1 t1-r0\">1,000</td>"), "{html}");
        assert!(html.contains("(50)<span class=\"visually-hidden\"> negative</span>"));
        assert!(html.contains("<th id=\"t1-total\" scope=\"row\">Total</th><td class=\"num\" headers=\"t1-c1 t1-total\">1,500</td>"));
        assert!(html.contains(">up 10.0%</td>") && html.contains(">down 110.0%</td>"));
    }

    #[test]
    fn csv_edge_cases_empty_cells_quoted_commas_negatives() {
        let mut d = Data::default();
        d.tables.insert(
            "edge".into(),
            charter_load::data::parse_csv(
                "Area,Spend,Change\n\"North, East\",\"1,200\",-4\nSouth,,(2.5%)\n",
            )
            .unwrap(),
        );
        let html =
            table("data: edge\ntotal: true\n", &d, "e").unwrap_or_else(|p| panic!("{}", p.message));
        assert!(html.contains("<th id=\"e-r0\" scope=\"row\">North, East</th>"), "{html}");
        assert!(html.contains(">1,200</td>"));
        assert!(html.contains("headers=\"e-c1 e-r1\"></td>"), "an empty cell stays empty: {html}");
        assert!(html.contains("(4.0%)<span class=\"visually-hidden\"> negative</span>"), "{html}");
        assert!(html.contains("(2.5%)<span class=\"visually-hidden\"> negative</span>"));
        assert!(
            html.contains("headers=\"e-c1 e-total\">1,200</td>"),
            "empty cells count as nothing in the total"
        );
        assert!(html.contains("1,200</td><td></td></tr>"), "percentages are not added up: {html}");
    }

    #[test]
    fn paths_are_refused_and_names_suggested() {
        assert!(
            table("data: ../../etc/passwd\n", &data(), "t")
                .err()
                .unwrap()
                .message
                .contains("is a path")
        );
        assert!(table("data: /etc/passwd\n", &data(), "t").is_err());
        assert!(table("data: mony\n", &data(), "t").err().unwrap().help.contains("money"));
    }

    #[test]
    fn chart_has_title_description_and_a_table() {
        let html = chart("data: money\ntitle: Contributions\n", &data(), "c1")
            .unwrap_or_else(|p| panic!("{}", p.message));
        assert!(html.contains("role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
        assert!(html.contains(
            "<caption id=\"c1-table\">The figures in the chart: Contributions</caption>"
        ));
        assert!(!html.contains("style="));
    }
}
