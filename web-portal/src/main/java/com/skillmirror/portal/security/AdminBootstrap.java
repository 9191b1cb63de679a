package com.skillmirror.portal.security;

import com.skillmirror.portal.access.AuditLog;
import com.skillmirror.portal.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The first admin, created when the portal starts and no ADMIN account exists. With skillmirror.admin.username and
 * skillmirror.admin.password set, that account; otherwise user 'admin' with a random one-time password printed once
 * to the console. There is no built-in default password.
 */
@Component
@ConditionalOnWebApplication
@EnableConfigurationProperties(AdminSettings.class)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountRepository accounts;
    private final AccountService service;
    private final AuditLog audit;
    private final AdminSettings admin;

    AdminBootstrap(AccountRepository accounts, AccountService service, AuditLog audit, AdminSettings admin) {
        this.accounts = accounts;
        this.service = service;
        this.audit = audit;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.anyAdmin()) {
            return;
        }
        String username = admin.username();
        boolean generated = admin.configuredPassword().isEmpty();
        String pw = admin.configuredPassword().orElseGet(() -> Hashes.newToken().substring(0, 20));
        // printed or configured, the password has been seen by others: the admin must replace it before anything else
        service.createWithPasswordToChange(username, pw, Role.ADMIN);
        audit.record("system", AuditLog.USER_CREATED, "user:" + username, "first admin" + (generated ? ", one-time password printed" : ", from configuration"));
        if (generated) {
            String banner = "\n================ SkillMirror first start ================\n"
                    + "Admin account created: user '" + username + "', password '" + pw + "'\n"
                    + "It is shown only this once. Sign in and choose your own password (the portal asks for it first).\n"
                    + "=========================================================\n";
            System.out.println(banner);
        } else {
            log.info("Created the first admin '{}' from skillmirror.admin.username/password", username);
        }
    }
}
