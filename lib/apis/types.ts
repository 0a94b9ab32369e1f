/** What the demo APIs answer, as the browser sees it (see `app/api/`). */

/** Every successful answer says which token the API accepted, so the page can show it. */
export type VerifiedToken = {
  aud: string | string[];
  scope: string;
  azp?: string;
  sub: string;
  exp: number;
};

export type Profile = {
  sub: string;
  name: string;
  email: string;
  bio: string;
  favouriteColour: string;
  updatedAt: string;
  token: VerifiedToken;
};

export type ProfileUpdate = Partial<Pick<Profile, "name" | "bio" | "favouriteColour">>;

export type Order = {
  id: string;
  item: string;
  quantity: number;
  total: number;
  status: string;
  placedAt: string;
};

export type OrderList = { orders: Order[]; token: VerifiedToken };
