package com.skillmirror.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;

/** The minimal upload-and-watch page (the full portal is its own piece of work). */
@Controller
class HomeController {

    private final com.skillmirror.upload.UploadService uploads;

    HomeController(com.skillmirror.upload.UploadService uploads) {
        this.uploads = uploads;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("maxFileMb", DataSize.ofBytes(uploads.maxFileBytes()).toMegabytes());
        return "index";
    }
}
