/**
 * Skills as data: {@code skills/<id>.yaml} files ({@link com.skillmirror.skill.SkillDefinition}) loaded and
 * validated by {@link com.skillmirror.skill.SkillCatalog}, and mirrored into the {@code skill} table at start by
 * {@link com.skillmirror.skill.SkillRegistry}, through which the application finds them. A new skill is a new file;
 * the format is described in {@code skills/README.md} beside the built-in files.
 */
package com.skillmirror.skill;
