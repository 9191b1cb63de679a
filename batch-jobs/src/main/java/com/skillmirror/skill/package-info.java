/**
 * Skills as data: {@code skills/<id>.yaml} files ({@link com.skillmirror.skill.SkillDefinition}) loaded and
 * validated by {@link com.skillmirror.skill.SkillCatalog}. A new skill is a new file; the format is described in
 * {@code skills/README.md} beside the built-in files.
 */
package com.skillmirror.skill;
