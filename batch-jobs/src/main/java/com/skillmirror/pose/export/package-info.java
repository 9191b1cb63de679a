/**
 * Exports of a pose series and its kinematics: CSV (one row per frame and person, for spreadsheets and pandas),
 * JSON (the whole document with metadata) and TRC (world landmarks as markers, for OpenSim and Kinovea).
 * Gaps (a person not found, a landmark or angle without a value) are empty cells / nulls, never zeros.
 */
package com.skillmirror.pose.export;
