/**
 * Reference rates bundled with Spendbar, written by scripts/update-rates.mjs; do not edit by hand.
 * Source: ECB euro foreign exchange reference rates (eurofxref-daily.xml), the ECB's rates for 2024-06-28 (units per 1 EUR).
 * The popover, tray and `status` label a converted total "stale" once these are over a week old;
 * the optional daily refresh (off by default) or a newer run of the script replaces them.
 */
import type { RateTable } from './rate-table.js';

export const bundledRates: RateTable = {
  base: 'EUR',
  date: '2024-06-28',
  source: 'ECB reference rates bundled with Spendbar',
  rates: {
    AUD: '1.6079',
    BGN: '1.9558',
    BRL: '5.8915',
    CAD: '1.4670',
    CHF: '0.9634',
    CNY: '7.7748',
    CZK: '25.025',
    DKK: '7.4575',
    GBP: '0.84638',
    HKD: '8.3594',
    HUF: '395.10',
    IDR: '17487.21',
    ILS: '4.0200',
    INR: '89.2495',
    ISK: '148.90',
    JPY: '171.94',
    KRW: '1474.86',
    MXN: '19.5654',
    MYR: '5.0501',
    NOK: '11.3965',
    NZD: '1.7601',
    PHP: '62.560',
    PLN: '4.3090',
    RON: '4.9773',
    SEK: '11.3595',
    SGD: '1.4513',
    THB: '39.319',
    TRY: '35.1868',
    USD: '1.0705',
    ZAR: '19.4970',
  },
};
