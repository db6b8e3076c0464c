/** The roles' names (office pages, the profile panel, the sign-in's second step): not in the shopper's first download. */
export const rolesEn = {
  admin: "Administrator",
  analyst: "Analyst",
  regional_manager: "Regional manager",
  branch_manager: "Branch manager",
  reviewer: "Reviewer",
  shopper: "Mystery shopper",
};

export type RolesDictionary = { [K in keyof typeof rolesEn]: string };
