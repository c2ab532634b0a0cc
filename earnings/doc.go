// Package earnings computes what one copy of a book earns on each printer and
// sales channel, side by side: KDP's royalty through Amazon and through
// Expanded Distribution, IngramSpark's publisher compensation through
// bookshops, and whatever channels a user profile describes.
//
// The book comes from a [spine.Layout] (printer, binding, paper, trim and the
// page count as the printer rounds it); the costs and rules come from the
// printer's [paper.Pricing], where every amount carries its source, retrieval
// date and confidence (shared/specs/pricing.md for the built-in printers).
// [Compute] builds one [Report]; [Report.JSON] is its data form, the bytes
// `coverkit earnings --json` prints and the web page serves.
//
// Money is exact decimal ([github.com/shopspring/decimal]). Printing costs
// and earnings are rounded to the currency's minor unit in the printer's
// rounding mode ([paper.MoneyRounding]): KDP and IngramSpark publish none, so
// both use half-up, which reproduces KDP's worked example; the report says so.
// Minimum list prices are rounded up, so that they never earn less than zero.
//
// Rules:
//   - royalty channels: earnings = rate × list price − printing cost, on the
//     VAT-exclusive price where the market has VAT; the rate may depend on a
//     per-currency threshold (50 % below, 60 % at or above, KDP since
//     10 Jun 2025); the rule in force on [Request.Date] applies.
//   - wholesale channels: earnings = list − discount − fees − print cost; the
//     print cost is an input ([Request.PrintCost]) because IngramSpark
//     publishes no formula. Without it the report gives the compensation
//     before print cost and says why, never an invented number.
//
// UNCONFIRMED values make a row an estimate ([Row.Estimate]) with a warning
// naming each one, as the geometry does.
package earnings
