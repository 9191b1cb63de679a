package com.skillmirror.skill;

/** A skill file that cannot be used; the message names the file and the field. */
public class SkillDefinitionException extends RuntimeException {

    public SkillDefinitionException(String message) {
        super(message);
    }

    public SkillDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
