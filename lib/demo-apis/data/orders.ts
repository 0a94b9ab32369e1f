import { ORDER_STATUSES } from "@/lib/demo-apis/contracts/orders-contract";
import type { Order } from "@/lib/demo-apis/contracts/orders-contract";
import { pickFrom, seededRandom } from "./seeded-random";

const CATALOGUE = [
  { item: "Espresso beans, 1 kg", cents: 2450 },
  { item: "Ceramic pour-over dripper", cents: 3200 },
  { item: "Paper filters, 100 pack", cents: 650 },
  { item: "Burr grinder", cents: 14900 },
  { item: "Milk jug, 600 ml", cents: 1850 },
  { item: "Travel mug", cents: 2200 },
] as const;

const SETTLED = ["shipped", "delivered"] as const;

// A fixed clock, so the same user sees the same dates on every run (and in end-to-end tests).
const LATEST_ORDER = Date.UTC(2025, 5, 1, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo orders of the user `sub`: two to four of them, newest first, always the same for one
 * user and different between users.
 *
 * @example
 * ordersFor("auth0|42").length; // 2, 3 or 4, and the same every time
 */
export function ordersFor(sub: string): Order[] {
  const random = seededRandom(`orders:${sub}`);
  const count = 2 + Math.floor(random() * 3);
  let placedAt = LATEST_ORDER;
  return Array.from({ length: count }, (_, index) => {
    const product = pickFrom(random, CATALOGUE);
    const quantity = 1 + Math.floor(random() * 3);
    placedAt -= Math.floor((1 + random() * 30) * DAY);
    const serial = Math.floor(random() * 0xffffff)
      .toString(16)
      .padStart(6, "0");
    return {
      id: `ord_${serial}${index}`,
      item: product.item,
      quantity,
      total: (product.cents * quantity) / 100,
      // The newest order may still be on its way; older ones have all arrived or shipped.
      status: index === 0 ? pickFrom(random, ORDER_STATUSES) : pickFrom(random, SETTLED),
      placedAt: new Date(placedAt).toISOString(),
    };
  });
}
